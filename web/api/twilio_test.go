package api_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"reach"
	"reach/twilio"
)

// twilioPost posts a form to a webhook path signed with token over the URL
// the test server serves, as Twilio would.
func twilioPost(t *testing.T, e *env, path, token string, form url.Values) (int, string) {
	t.Helper()
	sig := twilio.Signature(token, e.srv.URL+path, form)
	req, _ := http.NewRequest("POST", e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if token != "" {
		req.Header.Set("X-Twilio-Signature", sig)
	}
	res, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestTwilioVoiceWebhook(t *testing.T) {
	forEachBackend(t, func(t *testing.T, e *env) {
		alma := e.customer(obj{"name": "Alma", "contact_methods": arr{obj{"value": "512-867-5309"}}})
		var view struct {
			AuthTokenSet bool   `json:"auth_token_set"`
			AuthToken    string `json:"auth_token"`
		}
		e.must(200, "admin", "PUT", "/api/v1/settings/twilio", obj{"auth_token": "tenant-a-secret",
			"voice_response": `<Response><Dial><Client>agents</Client></Dial></Response>`}).Decode(t, &view)
		e.must(200, "admin", "GET", "/api/v1/settings/twilio", nil).Decode(t, &view)
		if !view.AuthTokenSet || view.AuthToken != "" {
			t.Errorf("GET must say a token is set and never show it: %+v", view)
		}
		if r := e.do("csr", "PUT", "/api/v1/settings/twilio", obj{"auth_token": "x"}); r.Status != 403 {
			t.Errorf("csr changing settings: %d", r.Status)
		}
		// Only a well-formed TwiML document is kept: Twilio can't run
		// anything else, and every call would fail.
		settings := e.snapshot()
		for _, bad := range []string{"<Hangup/>", "<Response><Dial>", "<Response><Say>hi</Response></Say>", "<Response/><Response/>",
			"<Response/> trailing words", "hello", "<Response><Say>a & b</Say></Response>"} {
			r := e.do("admin", "PUT", "/api/v1/settings/twilio", obj{"voice_response": bad})
			if r.Status != 422 || !contains(r.FieldCodes(), reach.EINVALIDVALUE) || r.Fields()[0].Field != "voice_response" {
				t.Errorf("voice_response %q: %d %s", bad, r.Status, r.Body)
			}
		}
		if e.snapshot() != settings {
			t.Errorf("a refused voice_response was stored")
		}

		form := url.Values{"CallSid": {"CA100"}, "From": {"+15128675309"}, "To": {"+15124440000"}, "CallStatus": {"ringing"}, "Direction": {"inbound"}}
		path := "/webhooks/twilio/voice/" + e.tenantA
		before := e.snapshot()
		for name, token := range map[string]string{"forged": "wrong-secret", "missing": ""} {
			if status, _ := twilioPost(t, e, path, token, form); status != 403 {
				t.Errorf("%s signature: %d", name, status)
			}
		}
		// The same signed request replayed to another tenant's URL.
		if status, _ := twilioPost(t, e, "/webhooks/twilio/voice/other-tenant", "tenant-a-secret", form); status != 403 {
			t.Errorf("replay to another tenant: %d", status)
		}
		if e.snapshot() != before {
			t.Fatal("refused webhooks wrote to the database")
		}
		status, body := twilioPost(t, e, path, "tenant-a-secret", form)
		if status != 200 || !strings.Contains(body, "<Dial>") {
			t.Fatalf("signed webhook: %d %s", status, body)
		}
		var page struct {
			Items []reach.Call `json:"items"`
		}
		e.must(200, "viewer", "GET", "/api/v1/calls", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].ProviderCallID != "CA100" || page.Items[0].Link == nil || page.Items[0].Link.ID != alma.ID {
			t.Fatalf("call not recorded and linked: %+v", page.Items)
		}
		// Twilio retries: same call. Then the status callback.
		twilioPost(t, e, path, "tenant-a-secret", form)
		status, _ = twilioPost(t, e, "/webhooks/twilio/status/"+e.tenantA, "tenant-a-secret", url.Values{"CallSid": {"CA100"}, "CallStatus": {"completed"}})
		if status != 204 {
			t.Errorf("status callback: %d", status)
		}
		e.must(200, "viewer", "GET", "/api/v1/calls", nil).Decode(t, &page)
		if len(page.Items) != 1 || page.Items[0].Status != "completed" {
			t.Errorf("after retry and status callback: %+v", page.Items)
		}
	})
}
