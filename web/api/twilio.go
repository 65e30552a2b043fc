package api

import (
	"errors"
	"net/http"

	"reach"
	"reach/app"
)

func (a *api) getTwilioSettings(r *http.Request) (reply, error) {
	v, err := a.app.GetTwilioSettings(r.Context(), actor(r))
	if err != nil {
		return reply{}, err
	}
	return reply{body: v}, nil
}

func (a *api) setTwilioSettings(r *http.Request) (reply, error) {
	var in app.TwilioSettingsInput
	if err := decode(r, &in); err != nil {
		return reply{}, err
	}
	v, err := a.app.SetTwilioSettings(r.Context(), actor(r), in)
	if err != nil {
		return reply{}, err
	}
	return reply{body: v}, nil
}

// twilioWebhook serves Twilio's voice webhook (answering TwiML) or its
// status callback (answering 204). They are form-encoded and signed with
// X-Twilio-Signature instead of carrying a bearer token.
func (a *api) twilioWebhook(voice bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				a.srv.Fail(w, r, reach.Errorf(reach.ETOOLARGE, "The webhook body is over the limit of %d bytes.", tooBig.Limit))
				return
			}
			a.srv.Fail(w, r, reach.Errorf(reach.EMALFORMED, "The webhook body is not a form."))
			return
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		req := app.TwilioRequest{TenantID: r.PathValue("tenant"), URL: scheme + "://" + r.Host + r.URL.RequestURI(),
			PathQuery: r.URL.RequestURI(), Params: r.PostForm, Signature: r.Header.Get("X-Twilio-Signature")}
		if !voice {
			if err := a.app.TwilioStatus(r.Context(), req); err != nil {
				a.srv.Fail(w, r, err)
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		twiml, err := a.app.TwilioVoice(r.Context(), req)
		if err != nil {
			a.srv.Fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, _ = w.Write([]byte(twiml))
	}
}
