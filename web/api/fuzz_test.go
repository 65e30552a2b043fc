package api_test

import (
	"bytes"
	"net/http"
	"testing"
)

// FuzzCreateCustomer throws arbitrary bodies at the busiest write route: the
// server must answer every one with a 201 or a 4xx problem, never a 5xx,
// and every answer must match the OpenAPI document.
func FuzzCreateCustomer(f *testing.F) {
	for _, seed := range []string{
		`{"name":"Bob"}`, `{"name":"Bob","contact_methods":[{"value":"512-867-5309"}]}`, `{`, `[]`, `null`, `{"name":null}`,
		`{"name":"x","address":{"zip":"V1Y4K8","state":"BC"}}`, `{"name":"\u0000"}`, `{"name":"a","contact_methods":[{"kind":"email","value":"a@b"}]}`,
		`{"name":"a","contact_methods":[{"value":"tel:+1-512-867-5309;ext=1"},{"value":"+1 512 867 5309"}]}`,
	} {
		f.Add([]byte(seed))
	}
	e := newEnv(f, openSQLite(f))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/customers", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+e.tokens["admin"])
		res, err := contractClient(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Fatalf("body %q: status %d", body, res.StatusCode)
		}
		if res.StatusCode != 201 && res.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("body %q: status %d without a problem document", body, res.StatusCode)
		}
	})
}
