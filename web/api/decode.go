package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"reach"
)

// readBody reads the request body, refusing one over the server's limit.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(r.Body)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, reach.Errorf(reach.ETOOLARGE, "The request body is over the limit of %d bytes.", tooBig.Limit)
	case err != nil:
		return nil, reach.Errorf(reach.EMALFORMED, "The request body could not be read.")
	}
	return b, nil
}

// decode reads the request's JSON body into v, strictly, so what the server
// stores is exactly what the client meant: the body must be sent as
// application/json, be valid UTF-8 and JSON, name each member once, exactly
// as documented (no case variants), with no members v lacks, no nulls and
// values of the documented types. A missing body is refused: read as {},
// it would reset every field it lacks.
func decode(r *http.Request, v any) error { return decodeBody(r, v, false) }

// decodeOptional is decode for a route whose members are all optional: no
// body reads as {}.
func decodeOptional(r *http.Request, v any) error { return decodeBody(r, v, true) }

func decodeBody(r *http.Request, v any, optional bool) error {
	body, err := readBody(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 && !optional {
		return reach.Errorf(reach.EMALFORMED, "This request needs a JSON body, sent with Content-Type: application/json.")
	}
	return decodeJSON(r.Header.Get("Content-Type"), body, v)
}

func decodeJSON(contentType string, body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	} else if mt, _, err := mime.ParseMediaType(contentType); err != nil || mt != "application/json" {
		return reach.Errorf(reach.EUNSUPPORTEDMEDIA, "Send the request body as JSON with Content-Type: application/json (got %q).", contentType)
	}
	if err := scanJSON(body); err != nil {
		return err
	}
	if err := json.Unmarshal(body, v, json.RejectUnknownMembers(true)); err != nil {
		return decodeError(err)
	}
	return nil
}

// scanJSON checks the body token by token: well-formed, valid UTF-8, no
// member named twice, an object at the top, and no nulls (a member with no
// value is left out, never sent as null).
func scanJSON(body []byte) error {
	d := jsontext.NewDecoder(bytes.NewReader(body))
	for first := true; ; first = false {
		tok, err := d.ReadToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return decodeError(err)
		}
		switch {
		case first && tok.Kind() != '{':
			return reach.Invalid("", reach.EWRONGTYPE, "The request body must be a JSON object.")
		case tok.Kind() == 'n':
			field := fieldOf(d.StackPointer())
			return reach.Invalid(field, reach.EWRONGTYPE, fmt.Sprintf("%s can't be null: send a value, or leave the member out if it is optional.", field))
		}
	}
}

// decodeError explains a JSON error: a broken document is malformed (400),
// a well-formed one of the wrong shape is invalid (422) with the field.
func decodeError(err error) error {
	var syn *jsontext.SyntacticError
	var sem *json.SemanticError
	switch {
	case errors.As(err, &syn):
		switch {
		case errors.Is(syn.Err, jsontext.ErrDuplicateName):
			return reach.Errorf(reach.EMALFORMED, "The member %s is sent twice; send each member once.", fieldOf(syn.JSONPointer))
		case strings.Contains(syn.Err.Error(), "UTF-8"):
			return reach.Errorf(reach.EMALFORMED, "The request body is not valid UTF-8 (at byte %d); send text encoded as UTF-8.", syn.ByteOffset)
		}
		return reach.Errorf(reach.EMALFORMED, "The request body is not valid JSON (at byte %d: %v).", syn.ByteOffset, syn.Err)
	case errors.As(err, &sem):
		field := fieldOf(sem.JSONPointer)
		switch {
		case errors.Is(sem.Err, json.ErrUnknownName):
			return reach.Invalid(field, reach.EUNKNOWNFIELD, fmt.Sprintf("%s is not a member this route takes (names are case-sensitive).", field))
		case sem.GoType != nil && sem.JSONKind != 0 && !fits(sem.GoType, sem.JSONKind):
			return reach.Invalid(field, reach.EWRONGTYPE, fmt.Sprintf("%s must be %s.", field, describeType(sem.GoType)))
		}
		return reach.Invalid(field, reach.EINVALIDVALUE, fmt.Sprintf("%s is not %s.", field, describeType(sem.GoType)))
	}
	return reach.Errorf(reach.EMALFORMED, "The request body could not be read as JSON.")
}

// fieldOf turns a JSON pointer (/contact_methods/2/value) into the field
// path errors use (contact_methods[2].value).
func fieldOf(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && b.Len() > 0 {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

var timeType = reflect.TypeFor[time.Time]()

// fits reports whether a JSON value of kind k can hold a Go value of type t.
func fits(t reflect.Type, k jsontext.Kind) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return k == '"'
	case t.Kind() == reflect.String:
		return k == '"'
	case t.Kind() == reflect.Bool:
		return k == 't' || k == 'f'
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64:
		return k == '0'
	case t.Kind() == reflect.Slice:
		return k == '['
	case t.Kind() == reflect.Struct || t.Kind() == reflect.Map:
		return k == '{'
	}
	return true
}

// describeType names the JSON a Go type takes, for messages.
func describeType(t reflect.Type) string {
	if t == nil {
		return "a valid value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return "a time in RFC 3339 form, such as 2026-12-01T09:30:00Z"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "a whole number in range"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	case t.Kind() == reflect.Slice:
		return "an array"
	}
	return "an object"
}
