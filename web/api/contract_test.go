package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	verrors "github.com/pb33f/libopenapi-validator/errors"

	"reach/web/api"
)

// The contract test: every request this package's tests send through an
// env, and every response they get, is validated against the served
// OpenAPI document — so the document describes the wire, not a wish.
//
// A response must always match. A request must match when the server
// accepted it: the server never takes what the document refuses. A test
// that deliberately sends a request outside the document says so with
// the X-Contract-Outside header (which is not sent), naming why.

// outsideHeader marks a request a test sends outside the document on purpose.
const outsideHeader = "X-Contract-Outside"

var contract struct {
	once sync.Once
	v    validator.Validator
	err  error
	mu   sync.Mutex // the validator is not safe for concurrent use
	// checked counts validated exchanges; outside those whose request was
	// sent outside the document on purpose.
	checked, outside atomic.Int64
}

func contractValidator() (validator.Validator, error) {
	contract.once.Do(func() {
		doc, err := libopenapi.NewDocument(api.OpenAPI())
		if err != nil {
			contract.err = err
			return
		}
		v, errs := validator.NewValidator(doc, config.WithFormatAssertions(), config.WithURLEncodedBodyValidation())
		if len(errs) > 0 {
			contract.err = fmt.Errorf("%v", errs)
			return
		}
		if ok, verrs := v.ValidateDocument(); !ok {
			contract.err = fmt.Errorf("the OpenAPI document is not valid OpenAPI: %v", describe(verrs))
			return
		}
		contract.v = v
	})
	return contract.v, contract.err
}

// TestMain reports how many exchanges the contract test validated.
func TestMain(m *testing.M) {
	code := m.Run()
	if n := contract.checked.Load(); n > 0 {
		fmt.Fprintf(os.Stderr, "contract: %d requests and responses validated against the OpenAPI document (%d requests sent outside it on purpose)\n",
			n, contract.outside.Load())
	}
	os.Exit(code)
}

// contractTransport validates each exchange of one test.
type contractTransport struct {
	t    testing.TB
	next http.RoundTripper
}

func (c contractTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	outside := req.Header.Get(outsideHeader)
	req.Header.Del(outsideHeader)
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	res, err := c.next.RoundTrip(req)
	if err != nil {
		return res, err
	}
	var resBody []byte
	streaming := strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream")
	if !streaming {
		resBody, _ = io.ReadAll(res.Body)
		res.Body.Close()
		res.Body = io.NopCloser(bytes.NewReader(resBody))
	}
	c.check(req, body, res, resBody, outside, streaming)
	return res, nil
}

func (c contractTransport) check(req *http.Request, body []byte, res *http.Response, resBody []byte, outside string, streaming bool) {
	v, err := contractValidator()
	if err != nil {
		c.t.Errorf("contract: %v", err)
		return
	}
	vreq := req.Clone(req.Context())
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	vres := &http.Response{StatusCode: res.StatusCode, Header: res.Header, Body: io.NopCloser(bytes.NewReader(resBody)), Request: vreq}
	contract.mu.Lock()
	okRes, resErrs := v.ValidateHttpResponse(vreq, vres)
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	okReq, reqErrs := v.ValidateHttpRequestSync(vreq)
	contract.mu.Unlock()
	contract.checked.Add(1)
	what := fmt.Sprintf("%s %s → %d", req.Method, req.URL.RequestURI(), res.StatusCode)
	if !okRes && pathUnknown(resErrs) {
		// A route the document does not have: the server must say so,
		// as a problem.
		contract.outside.Add(1)
		allowed := res.StatusCode == 404 || res.StatusCode == 405 || (res.StatusCode == 400 && !canonicalPath(req.URL))
		if !allowed || res.Header.Get("Content-Type") != "application/problem+json" {
			c.t.Errorf("contract: %s is not in the document, yet was not answered 404, 405 (or 400 for a path not in canonical form) as a problem", what)
		}
		return
	}
	if res.Header.Get("Content-Type") == "application/problem+json" {
		var p struct {
			Status int `json:"status"`
		}
		if json.Unmarshal(resBody, &p) != nil || p.Status != res.StatusCode {
			c.t.Errorf("contract: the problem answering %s says status %d: %.300s", what, p.Status, resBody)
		}
	}
	if !okRes && !(streaming && onlyBodyErrors(resErrs)) {
		c.t.Errorf("contract: the response to %s does not match the document: %s\nbody: %.600s", what, describe(resErrs), resBody)
	}
	switch {
	case outside != "":
		contract.outside.Add(1)
		if okReq && res.StatusCode < 400 {
			c.t.Errorf("contract: %s was marked outside the document (%s) but is valid per it", what, outside)
		}
	case !okReq && res.StatusCode < 400:
		c.t.Errorf("contract: the server accepted %s, which the document refuses: %s\nbody: %.600s", what, describe(reqErrs), body)
	}
}

// canonicalPath reports whether a request's path, as sent, is in canonical
// form: no empty segments, dot segments or trailing slash.
func canonicalPath(u *url.URL) bool {
	p := u.EscapedPath()
	if u.Opaque != "" {
		p = u.Opaque
	}
	return p == "/" || (path.Clean(p) == p && !strings.HasSuffix(p, "/"))
}

// pathUnknown reports whether the errors say the document has no such route.
func pathUnknown(errs []*verrors.ValidationError) bool {
	for _, e := range errs {
		if e.ValidationType != "path" {
			return false
		}
	}
	return len(errs) > 0
}

// onlyBodyErrors reports whether the errors are about a body the harness
// did not read (a stream's).
func onlyBodyErrors(errs []*verrors.ValidationError) bool {
	for _, e := range errs {
		if !strings.Contains(strings.ToLower(e.Message), "body") {
			return false
		}
	}
	return true
}

func describe(errs []*verrors.ValidationError) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\n  - %s: %s", e.ValidationType, e.Message)
		if e.Reason != "" {
			fmt.Fprintf(&b, " (%s)", e.Reason)
		}
		for _, s := range e.SchemaValidationErrors {
			fmt.Fprintf(&b, "\n      %s: %s", s.FieldPath, s.Reason)
		}
	}
	return b.String()
}
