package reach_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"reach"
)

// TestCodesListsEveryCode keeps reach.Codes complete: every constant of type
// Code declared in error.go is listed once, so the HTTP status table, which a
// test checks against Codes, covers them all.
func TestCodesListsEveryCode(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "error.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[reach.Code]int{}
	for _, c := range reach.Codes {
		listed[c]++
	}
	declared := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for _, val := range v.Values {
				code, _ := strconv.Unquote(val.(*ast.BasicLit).Value)
				declared++
				if listed[reach.Code(code)] != 1 {
					t.Errorf("code %q is listed %d times in reach.Codes, want once", code, listed[reach.Code(code)])
				}
			}
		}
	}
	if declared != len(reach.Codes) {
		t.Errorf("error.go declares %d codes, reach.Codes lists %d", declared, len(reach.Codes))
	}
}

// TestNoBareCodeStrings keeps every code in one place: outside error.go, no
// non-test source spells a code as a string literal instead of naming its
// constant.
func TestNoBareCodeStrings(t *testing.T) {
	codes := map[string]bool{}
	for _, c := range reach.Codes {
		codes[string(c)] = true
	}
	// Words that are codes but also ordinary identifiers in other roles.
	allowed := map[string]bool{"internal": true, "required": true, "conflict": true, "forbidden": true}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == "error.go" {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && codes[s] && !allowed[s] {
					t.Errorf("%s spells the code %q; use its constant from error.go", path, s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
