package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"

	"reach"
)

// Problem is an RFC 9457 problem document with reach's stable machine code.
type Problem struct {
	Type      string             `json:"type"`
	Title     string             `json:"title"`
	Status    int                `json:"status"`
	Code      reach.Code         `json:"code"`
	Detail    string             `json:"detail"`
	RequestID string             `json:"request_id,omitempty"`
	Errors    []reach.FieldError `json:"errors,omitempty"`
	// Extra holds the members a code carries beyond the standard ones (such
	// as current_version), written at the top level as RFC 9457 allows.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the standard members in their order, then Extra's.
func (p *Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	base, err := marshal((*plain)(p))
	if err != nil || len(p.Extra) == 0 {
		return base, err
	}
	out := bytes.NewBuffer(base[:len(base)-1])
	for _, k := range slices.Sorted(maps.Keys(p.Extra)) {
		if slices.Contains(problemMembers, k) {
			continue // a standard member is never overridden
		}
		v, err := marshal(p.Extra[k])
		if err != nil {
			return nil, err
		}
		name, _ := json.Marshal(k)
		out.WriteByte(',')
		out.Write(name)
		out.WriteByte(':')
		out.Write(v)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping: a detail saying
// If-Match: "<version>" reads as written, not as \u003cversion\u003e.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// problemMembers are the members Problem itself writes.
var problemMembers = []string{"type", "title", "status", "code", "detail", "request_id", "errors"}

// statusOf is the one table from error code to HTTP status; a test checks
// it covers reach.Codes. Field codes travel inside validation_failed, but
// are listed too so no code ever reaches a client without a status.
var statusOf = map[reach.Code]int{
	reach.EMALFORMED:            http.StatusBadRequest,
	reach.EUNSUPPORTEDMEDIA:     http.StatusUnsupportedMediaType,
	reach.EUNAUTHENTICATED:      http.StatusUnauthorized,
	reach.EFORBIDDEN:            http.StatusForbidden,
	reach.ENOTFOUND:             http.StatusNotFound,
	reach.EMETHODNOTALLOWED:     http.StatusMethodNotAllowed,
	reach.ECONFLICT:             http.StatusConflict,
	reach.EVERSIONCONFLICT:      http.StatusPreconditionFailed,
	reach.EPRECONDITIONREQUIRED: http.StatusPreconditionRequired,
	reach.EVALIDATION:           http.StatusUnprocessableEntity,
	reach.ETOOLARGE:             http.StatusRequestEntityTooLarge,
	reach.EINTERNAL:             http.StatusInternalServerError,
	reach.ENOTREADY:             http.StatusServiceUnavailable,
	reach.ELASTADMIN:            http.StatusConflict,
	reach.ETOOMANYATTEMPTS:      http.StatusTooManyRequests,
	reach.EIDEMPOTENCYREUSED:    http.StatusUnprocessableEntity,
	reach.EIDEMPOTENCYBUSY:      http.StatusConflict,
	reach.ECROSSCUSTOMER:        http.StatusConflict,
	reach.EPLACEHOLDERSYNC:      http.StatusUnprocessableEntity,
	reach.EREVERTCONFLICT:       http.StatusConflict,
	reach.EREVERTUNSUPPORTED:    http.StatusUnprocessableEntity,

	reach.EINVALIDPHONE:         http.StatusUnprocessableEntity,
	reach.EINTERNATIONAL:        http.StatusUnprocessableEntity,
	reach.EINVALIDEMAIL:         http.StatusUnprocessableEntity,
	reach.EPLACEHOLDER:          http.StatusUnprocessableEntity,
	reach.EDUPLICATECONTACT:     http.StatusUnprocessableEntity,
	reach.EREQUIRED:             http.StatusUnprocessableEntity,
	reach.ETOOLONG:              http.StatusUnprocessableEntity,
	reach.ETOOSHORT:             http.StatusUnprocessableEntity,
	reach.ECONTROLCHARS:         http.StatusUnprocessableEntity,
	reach.EFORMATCHARS:          http.StatusUnprocessableEntity,
	reach.EINVALIDVALUE:         http.StatusUnprocessableEntity,
	reach.EUNKNOWNFIELD:         http.StatusUnprocessableEntity,
	reach.EWRONGTYPE:            http.StatusUnprocessableEntity,
	reach.EINVALIDKIND:          http.StatusUnprocessableEntity,
	reach.EKINDCHANGE:           http.StatusUnprocessableEntity,
	reach.EEXTENSIONNOTALLOWED:  http.StatusUnprocessableEntity,
	reach.EMULTIPLEPRIMARY:      http.StatusUnprocessableEntity,
	reach.EINVALIDSTATE:         http.StatusUnprocessableEntity,
	reach.EINVALIDPOSTALCODE:    http.StatusUnprocessableEntity,
	reach.EINVALIDCOUNTRY:       http.StatusUnprocessableEntity,
	reach.EUNKNOWNCONTACTMETHOD: http.StatusUnprocessableEntity,
	reach.EINVALIDROLE:          http.StatusUnprocessableEntity,
	reach.ESYNCNOTAPPLICABLE:    http.StatusUnprocessableEntity,
	reach.ESYNCTARGETINVALID:    http.StatusUnprocessableEntity,
}

// hints add to a message what a client of HTTP must do, which the app —
// knowing nothing of HTTP — can't say.
var hints = map[reach.Code]string{
	reach.EPRECONDITIONREQUIRED: ` Send If-Match: "<version>" with the record's ETag, or "version" in the body.`,
	reach.EUNAUTHENTICATED:      " Send Authorization: Bearer reach_….",
	reach.EIDEMPOTENCYREUSED:    " (The key is the Idempotency-Key header.)",
}

// StatusOf is the HTTP status err is answered with: its code's, or 500 for
// an error without a domain code, or with one missing from the table.
func StatusOf(err error) int {
	code := reach.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok || status >= 500 && code != reach.ENOTREADY {
		return http.StatusInternalServerError
	}
	return status
}

// problemFor turns an error into the problem sent to the client. An error
// without a domain code, or with one missing from the table, is internal:
// the client learns nothing of it.
func problemFor(r *http.Request, err error) *Problem {
	code, status := reach.ErrorCode(err), StatusOf(err)
	if status == http.StatusInternalServerError {
		code = reach.EINTERNAL
	}
	p := &Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Code: code, RequestID: RequestID(r.Context())}
	var e *reach.Error
	if status == http.StatusInternalServerError || !errors.As(err, &e) {
		p.Detail = "Internal error."
		return p
	}
	p.Detail, p.Errors, p.Extra = e.Message+hints[code], e.Fields, maps.Clone(e.Details)
	return p
}

// Fail writes err as a problem document, logging internal errors with
// their cause.
func (s *Server) Fail(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(r, err)
	if p.Status >= 500 {
		s.Log.ErrorContext(r.Context(), "request failed", "request_id", p.RequestID, "err", err)
	}
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="reach"`)
	}
	writeProblem(w, p)
}

func writeProblem(w http.ResponseWriter, p *Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}
