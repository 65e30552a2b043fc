package sqlstore

import (
	"context"

	"reach"
)

func (t *tx) TwilioSettings(ctx context.Context, tenantID string) (*reach.TwilioSettings, error) {
	s := reach.TwilioSettings{TenantID: tenantID}
	err := t.queryRow(ctx, `SELECT auth_token, public_base_url, voice_response, updated_at FROM twilio_settings WHERE tenant_id = ?`, tenantID).
		Scan(&s.AuthToken, &s.PublicBaseURL, &s.VoiceResponse, timeCol{&s.UpdatedAt})
	if err != nil {
		return nil, notFound(err, "Twilio settings of tenant", tenantID)
	}
	return &s, nil
}

func (t *tx) SaveTwilioSettings(ctx context.Context, s *reach.TwilioSettings) error {
	_, err := t.exec(ctx, `INSERT INTO twilio_settings (tenant_id, auth_token, public_base_url, voice_response, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id) DO UPDATE SET auth_token = excluded.auth_token, public_base_url = excluded.public_base_url,
		voice_response = excluded.voice_response, updated_at = excluded.updated_at`,
		s.TenantID, s.AuthToken, s.PublicBaseURL, s.VoiceResponse, t.ts(s.UpdatedAt))
	return err
}
