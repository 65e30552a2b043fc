package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"

	"go.yaml.in/yaml/v3"
)

// openapiYAML is the API's contract, written by hand: every route of
// routes.go, every schema a client relies on.
//
//go:embed openapi.yaml
var openapiYAML []byte

// openapiJSON is the document as served, converted once.
var openapiJSON = mustJSON(openapiYAML)

// OpenAPI returns the served OpenAPI document.
func OpenAPI() []byte { return openapiJSON }

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(openapiJSON)
}

// mustJSON converts the YAML document to JSON; it is part of the binary, so
// a document that does not convert is a build defect, caught by every test.
func mustJSON(doc []byte) []byte {
	var v any
	if err := yaml.Unmarshal(doc, &v); err != nil {
		panic(fmt.Sprintf("openapi.yaml: %v", err))
	}
	b, err := json.Marshal(jsonable(v))
	if err != nil {
		panic(fmt.Sprintf("openapi.yaml: %v", err))
	}
	return b
}

// jsonable turns YAML's decoded maps, whose keys may be of any type, into
// maps with string keys.
func jsonable(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = jsonable(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = jsonable(e)
		}
		return v
	}
	return v
}
