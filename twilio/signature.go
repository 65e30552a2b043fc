// Package twilio verifies the X-Twilio-Signature of Twilio's webhooks, as
// Twilio documents it: HMAC-SHA1, keyed by the account's auth token, over the
// full request URL followed by each POST parameter's name and value, names in
// byte order (a repeated name's values sorted and de-duplicated), base64.
package twilio

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// Signature computes the signature Twilio sends for a request to fullURL
// with form parameters params.
func Signature(authToken, fullURL string, params url.Values) string {
	var b strings.Builder
	b.WriteString(fullURL)
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		values := append([]string(nil), params[name]...)
		sort.Strings(values)
		for i, v := range values {
			if i > 0 && v == values[i-1] {
				continue
			}
			b.WriteString(name)
			b.WriteString(v)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Valid reports whether signature is Twilio's for a form-encoded request.
// Proxies and Twilio disagree on whether a port is part of the URL, so the
// URL is tried as given, without its port, and with the scheme's default
// port, as Twilio's own libraries do.
func Valid(authToken, fullURL string, params url.Values, signature string) bool {
	if authToken == "" || signature == "" {
		return false
	}
	for _, u := range urlVariants(fullURL) {
		if equal(Signature(authToken, u, params), signature) {
			return true
		}
	}
	return false
}

// ValidJSON reports whether signature is Twilio's for a request with a JSON
// body: the URL carries bodySHA256, the hex SHA-256 of the body, and is
// signed without parameters.
func ValidJSON(authToken, fullURL string, body []byte, signature string) bool {
	u, err := url.Parse(fullURL)
	if err != nil {
		return false
	}
	sum := sha256.Sum256(body)
	if !equal(u.Query().Get("bodySHA256"), hex.EncodeToString(sum[:])) {
		return false
	}
	return Valid(authToken, fullURL, nil, signature)
}

// urlVariants returns fullURL as given, without its port, and with the
// scheme's default port.
func urlVariants(fullURL string) []string {
	out := []string{fullURL}
	u, err := url.Parse(fullURL)
	if err != nil || u.Host == "" {
		return out
	}
	host, port := u.Hostname(), u.Port()
	withPort := func(p string) string {
		v := *u
		v.Host = host
		if p != "" {
			v.Host = host + ":" + p
		}
		return v.String()
	}
	if port != "" {
		out = append(out, withPort(""))
	} else if d := map[string]string{"https": "443", "http": "80"}[u.Scheme]; d != "" {
		out = append(out, withPort(d))
	}
	return out
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
