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
	// CallByProviderID returns the call with the provider's id, or ENOTFOUND.
	CallByProviderID(ctx context.Context, tenantID, provider, providerCallID string) (*Call, error)
	// SetCallStatus updates a call's status; ENOTFOUND if there is no such call.
	SetCallStatus(ctx context.Context, tenantID, id, status string, at time.Time) error
}
