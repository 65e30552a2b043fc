package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"reach"
	"reach/app"
)

func (s *Server) twilioRoutes() {
	huma.Register(s.api, op(http.MethodGet, "/api/v1/settings/twilio", "get-twilio-settings", "calls", "The tenant's Twilio settings (the auth token is never shown)", 0),
		func(ctx context.Context, in *struct{}) (*struct{ Body app.TwilioSettingsView }, error) {
			v, err := s.app.GetTwilioSettings(ctx, actor(ctx))
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.TwilioSettingsView }{Body: v}, nil
		})
	huma.Register(s.api, op(http.MethodPut, "/api/v1/settings/twilio", "set-twilio-settings", "calls", "Connect Twilio: auth token, public base URL, TwiML for inbound calls", 0),
		func(ctx context.Context, in *struct{ Body app.TwilioSettingsInput }) (*struct{ Body app.TwilioSettingsView }, error) {
			v, err := s.app.SetTwilioSettings(ctx, actor(ctx), in.Body)
			if err != nil {
				return nil, s.fail(ctx, err)
			}
			return &struct{ Body app.TwilioSettingsView }{Body: v}, nil
		})
	// Twilio posts form-encoded webhooks signed with X-Twilio-Signature; they
	// carry no bearer token, so they live outside the JSON API.
	s.mux.HandleFunc("POST /webhooks/twilio/voice/{tenant}", s.handleTwilio(true))
	s.mux.HandleFunc("POST /webhooks/twilio/status/{tenant}", s.handleTwilio(false))
}

// handleTwilio serves the voice webhook (answering TwiML) or the status
// callback (answering 204).
func (s *Server) handleTwilio(voice bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			writeProblem(w, s.problem(r.Context(), reach.Errorf(reach.EMALFORMED, "The webhook body is not a form.")))
			return
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		req := app.TwilioRequest{TenantID: r.PathValue("tenant"), URL: scheme + "://" + r.Host + r.URL.RequestURI(),
			PathQuery: r.URL.RequestURI(), Params: r.PostForm, Signature: r.Header.Get("X-Twilio-Signature")}
		if !voice {
			if err := s.app.TwilioStatus(r.Context(), req); err != nil {
				writeProblem(w, s.problem(r.Context(), err))
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		twiml, err := s.app.TwilioVoice(r.Context(), req)
		if err != nil {
			writeProblem(w, s.problem(r.Context(), err))
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, _ = w.Write([]byte(twiml))
	}
}
