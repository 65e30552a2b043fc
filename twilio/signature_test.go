package twilio

import (
	"bufio"
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"
)

// Vectors made for this project from the documented algorithm: the string
// to sign is written out by hand, and the signature is that string's
// HMAC-SHA1 under the token.
func TestSignatureFollowsTheDocumentedAlgorithm(t *testing.T) {
	params := url.Values{"To": {"+15124440000"}, "From": {"+15128675309"}, "CallSid": {"CA01"}, "Digits": {"2", "1", "2"}}
	// Names in byte order; Digits' values sorted and de-duplicated.
	written := "https://reach.example/webhooks/twilio/voice/t1" + "CallSidCA01" + "Digits1" + "Digits2" + "From+15128675309" + "To+15124440000"
	if got, want := Signature("secret", "https://reach.example/webhooks/twilio/voice/t1", params), Signature("secret", written, nil); got != want {
		t.Errorf("signature %s, want the HMAC of %q: %s", got, written, want)
	}
	cases := []struct {
		name string
		url  string
		sig  string
		want bool
	}{
		{"as signed", "https://reach.example/webhooks/twilio/voice/t1", Signature("secret", "https://reach.example/webhooks/twilio/voice/t1", params), true},
		{"port added by a proxy", "https://reach.example:443/webhooks/twilio/voice/t1", Signature("secret", "https://reach.example/webhooks/twilio/voice/t1", params), true},
		{"signed with the default port", "https://reach.example/webhooks/twilio/voice/t1", Signature("secret", "https://reach.example:443/webhooks/twilio/voice/t1", params), true},
		{"another tenant's URL", "https://reach.example/webhooks/twilio/voice/t2", Signature("secret", "https://reach.example/webhooks/twilio/voice/t1", params), false},
		{"another token", "https://reach.example/webhooks/twilio/voice/t1", Signature("other", "https://reach.example/webhooks/twilio/voice/t1", params), false},
		{"forged", "https://reach.example/webhooks/twilio/voice/t1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=", false},
		{"missing", "https://reach.example/webhooks/twilio/voice/t1", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Valid("secret", tc.url, params, tc.sig); got != tc.want {
				t.Errorf("Valid = %v, want %v", got, tc.want)
			}
		})
	}
	tampered := url.Values{"To": {"+15124440000"}, "From": {"+15125550100"}, "CallSid": {"CA01"}, "Digits": {"1", "2"}}
	if Valid("secret", "https://reach.example/webhooks/twilio/voice/t1", tampered, cases[0].sig) {
		t.Error("a changed parameter still validates")
	}
}

// TestCorpusVectors checks Twilio's own libraries' vectors, when
// ../shared/corpora is present.
func TestCorpusVectors(t *testing.T) {
	f, err := os.Open("../../shared/corpora/twilio_signature_vectors.tsv")
	if err != nil {
		t.Skip("../shared/corpora not present; Twilio vectors not checked")
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	s.Scan()
	// Library-specific: twilio-node re-encodes the URL (WHATWG) before
	// signing; Twilio signs the URL as requested, which is what we check.
	libraryOnly := map[string]bool{"node-special-chars": true}
	agree, total := 0, 0
	for s.Scan() {
		c := strings.Split(s.Text(), "\t")
		id, wantValid, token, rawURL, paramsJSON, body, sig := c[0], c[1] == "true", c[2], c[3], c[4], c[5], c[6]
		var pairs [][2]string
		if err := json.Unmarshal([]byte(paramsJSON), &pairs); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		params := url.Values{}
		for _, p := range pairs {
			params.Add(p[0], p[1])
		}
		var got bool
		if strings.Contains(rawURL, "bodySHA256=") {
			got = ValidJSON(token, rawURL, []byte(body), sig)
		} else {
			got = Valid(token, rawURL, params, sig)
		}
		total++
		switch {
		case got == wantValid:
			agree++
		case libraryOnly[id]:
			t.Logf("%s: library-specific, not reproduced (got %v)", id, got)
		default:
			t.Errorf("%s: valid = %v, want %v", id, got, wantValid)
		}
	}
	t.Logf("Twilio vectors: %d/%d agree", agree, total)
}
