package app

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"

	"reach"
	"reach/twilio"
)

// emptyTwiML answers a call without instructions: Twilio plays nothing more.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

// TwilioSettingsInput connects or updates a tenant's Twilio account.
type TwilioSettingsInput struct {
	// AuthToken is required the first time; omit it to keep the current
	// one. It is never returned.
	AuthToken string `json:"auth_token,omitempty"`
	// PublicBaseURL is the scheme and host Twilio calls, e.g.
	// https://reach.acmeheating.com; needed behind a proxy.
	PublicBaseURL string `json:"public_base_url,omitempty"`
	// VoiceResponse is the TwiML answered to inbound calls, e.g.
	// <Response><Dial>…</Dial></Response>; default an empty <Response/>.
	VoiceResponse string `json:"voice_response,omitempty"`
}

// Limits of Twilio settings.
const (
	maxAuthTokenLen     = 200
	maxPublicBaseURLLen = 500
	maxVoiceResponseLen = 20000
)

// TwilioSettingsView is what a GET shows: everything but the token.
type TwilioSettingsView struct {
	PublicBaseURL string `json:"public_base_url"`
	VoiceResponse string `json:"voice_response"`
	AuthTokenSet  bool   `json:"auth_token_set"`
}

// SetTwilioSettings saves the tenant's Twilio settings.
func (a *App) SetTwilioSettings(ctx context.Context, actor reach.Actor, in TwilioSettingsInput) (TwilioSettingsView, error) {
	if err := actor.Require(reach.PermSettingsManage); err != nil {
		return TwilioSettingsView{}, err
	}
	var v reach.Validation
	in.AuthToken = cleanText(&v, "auth_token", in.AuthToken, maxAuthTokenLen, false)
	in.PublicBaseURL = strings.TrimRight(cleanText(&v, "public_base_url", in.PublicBaseURL, maxPublicBaseURLLen, false), "/")
	if u, err := url.Parse(in.PublicBaseURL); in.PublicBaseURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "") {
		v.Add("public_base_url", reach.EINVALIDVALUE, "Give the scheme and host only, e.g. https://reach.acmeheating.com.")
	}
	switch {
	case len(in.VoiceResponse) > maxVoiceResponseLen:
		v.Add("voice_response", reach.ETOOLONG, fmt.Sprintf("voice_response is at most %d characters.", maxVoiceResponseLen))
	case in.VoiceResponse != "":
		if problem := twimlProblem(in.VoiceResponse); problem != "" {
			v.Add("voice_response", reach.EINVALIDVALUE, "voice_response must be a well-formed TwiML document, one <Response> element: "+problem)
		}
	}
	if err := v.Err(); err != nil {
		return TwilioSettingsView{}, err
	}
	var out TwilioSettingsView
	_, err := a.do(ctx, actor, "settings.twilio", func(w *work) error {
		s, err := w.tx.TwilioSettings(ctx, actor.TenantID)
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			s, err = &reach.TwilioSettings{TenantID: actor.TenantID}, nil
		}
		if err != nil {
			return err
		}
		before := viewOf(s)
		if in.AuthToken != "" {
			s.AuthToken = in.AuthToken
		}
		if s.AuthToken == "" {
			return reach.Invalid("auth_token", reach.EREQUIRED, "auth_token is required to connect Twilio: give the Twilio account's auth token.")
		}
		s.PublicBaseURL, s.VoiceResponse, s.UpdatedAt = in.PublicBaseURL, in.VoiceResponse, w.now()
		if err := w.tx.SaveTwilioSettings(ctx, s); err != nil {
			return err
		}
		out = viewOf(s)
		w.record("settings", "twilio", before, out)
		return nil
	})
	return out, err
}

// GetTwilioSettings shows the tenant's Twilio settings, without the token.
func (a *App) GetTwilioSettings(ctx context.Context, actor reach.Actor) (TwilioSettingsView, error) {
	if err := actor.Require(reach.PermSettingsManage); err != nil {
		return TwilioSettingsView{}, err
	}
	var out TwilioSettingsView
	err := a.view(ctx, actor, func(w *work) error {
		s, err := w.tx.TwilioSettings(ctx, actor.TenantID)
		if reach.ErrorCode(err) == reach.ENOTFOUND {
			return nil
		}
		out = viewOf(s)
		return err
	})
	return out, err
}

func viewOf(s *reach.TwilioSettings) TwilioSettingsView {
	return TwilioSettingsView{PublicBaseURL: s.PublicBaseURL, VoiceResponse: s.VoiceResponse, AuthTokenSet: s.AuthToken != ""}
}

// twimlProblem says why doc is not a well-formed TwiML document — XML whose
// one root element is <Response>, every element closed, nothing after it —
// or "" when it is one. Twilio answers a call it can't parse with an
// application error, so a broken document must never be saved.
func twimlProblem(doc string) string {
	d := xml.NewDecoder(strings.NewReader(doc))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err.Error() + "."
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if roots++; roots > 1 {
					return "there is more than one root element."
				}
				if t.Name.Local != "Response" {
					return fmt.Sprintf("the root element is <%s>, not <Response>.", t.Name.Local)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(t)) != "" {
				return "there is text outside <Response>."
			}
		}
	}
	if roots == 0 {
		return "there is no <Response> element."
	}
	return ""
}

// TwilioRequest is a webhook request from Twilio as the web layer received it.
type TwilioRequest struct {
	TenantID string
	// URL is the request URL as reach saw it; PathQuery its path and query,
	// used with the public base URL when one is set.
	URL, PathQuery string
	Params         url.Values
	Signature      string
}

// TwilioVoice handles Twilio's inbound-call webhook: it checks the signature
// with the tenant's auth token, records the call, and returns the tenant's
// TwiML. Any doubt about the signature — unknown tenant, no settings, wrong
// or missing signature, another tenant's URL — is forbidden.
func (a *App) TwilioVoice(ctx context.Context, req TwilioRequest) (string, error) {
	s, err := a.verifyTwilio(ctx, req)
	if err != nil {
		return "", err
	}
	_, _, err = a.RecordCall(ctx, webhookActor(req.TenantID), CallInput{From: req.Params.Get("From"), To: req.Params.Get("To"),
		Provider: "twilio", ProviderCallID: req.Params.Get("CallSid")})
	if err != nil {
		return "", err
	}
	if s.VoiceResponse != "" {
		return s.VoiceResponse, nil
	}
	return emptyTwiML, nil
}

// TwilioStatus handles Twilio's status callback: it updates the call's status.
func (a *App) TwilioStatus(ctx context.Context, req TwilioRequest) error {
	if _, err := a.verifyTwilio(ctx, req); err != nil {
		return err
	}
	var v reach.Validation
	sid := cleanText(&v, "CallSid", req.Params.Get("CallSid"), 200, true)
	status := cleanText(&v, "CallStatus", req.Params.Get("CallStatus"), 50, true)
	if err := v.Err(); err != nil {
		return err
	}
	changed := false
	_, err := a.do(ctx, webhookActor(req.TenantID), "call.status", func(w *work) error {
		call, err := w.tx.CallByProviderID(ctx, req.TenantID, "twilio", sid)
		if err != nil {
			return err
		}
		// Callbacks can arrive late or twice; a call that has ended stays ended.
		if changed = call.Status != status && !finalCallStatus[call.Status]; !changed {
			return nil
		}
		call.Status, call.UpdatedAt = status, w.now()
		if err := w.tx.SetCallStatus(ctx, req.TenantID, call.ID, status, w.now()); err != nil {
			return err
		}
		return appendCallEvent(w, reach.CallStatus, call)
	})
	if err == nil && changed {
		a.feeds.Wake(req.TenantID)
	}
	return err
}

// finalCallStatus lists Twilio's statuses of a call that has ended.
var finalCallStatus = map[string]bool{"completed": true, "busy": true, "failed": true, "no-answer": true, "canceled": true}

func (a *App) verifyTwilio(ctx context.Context, req TwilioRequest) (*reach.TwilioSettings, error) {
	forbidden := reach.Errorf(reach.EFORBIDDEN, "The request's Twilio signature is missing or does not match this tenant's Twilio auth token.")
	var s *reach.TwilioSettings
	err := a.store.Read(ctx, func(tx reach.Tx) (err error) {
		s, err = tx.TwilioSettings(ctx, req.TenantID)
		return err
	})
	if reach.ErrorCode(err) == reach.ENOTFOUND {
		return nil, forbidden
	}
	if err != nil {
		return nil, err
	}
	signed := req.URL
	if s.PublicBaseURL != "" {
		signed = s.PublicBaseURL + req.PathQuery
	}
	if !twilio.Valid(s.AuthToken, signed, req.Params, req.Signature) {
		return nil, forbidden
	}
	return s, nil
}

// webhookActor is who a verified webhook acts as.
func webhookActor(tenantID string) reach.Actor {
	return reach.Actor{TenantID: tenantID, UserID: "twilio", Role: reach.RoleAdmin, Source: reach.SourceWebhook}
}
