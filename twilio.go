package reach

import (
	"context"
	"time"
)

// TwilioSettings connect a tenant's Twilio account to reach.
type TwilioSettings struct {
	TenantID  string `json:"-"`
	AuthToken string `json:"-"`
	// PublicBaseURL is the scheme and host Twilio calls (behind a proxy the
	// URL Twilio signs differs from the one reach sees).
	PublicBaseURL string `json:"public_base_url"`
	// VoiceResponse is the TwiML returned to an inbound call.
	VoiceResponse string    `json:"voice_response"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// SettingsStore keeps tenant settings.
type SettingsStore interface {
	// TwilioSettings returns ENOTFOUND if the tenant has not connected Twilio.
	TwilioSettings(ctx context.Context, tenantID string) (*TwilioSettings, error)
	SaveTwilioSettings(ctx context.Context, s *TwilioSettings) error
	// SetCallStatus updates the status of the call with a provider id;
	// ENOTFOUND if there is none.
	SetCallStatus(ctx context.Context, tenantID, provider, providerCallID, status string, at time.Time) error
}
