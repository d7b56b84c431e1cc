package audit_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSharesNoCodeWithSuppression checks, from the source, that the audit
// stays a second pair of eyes: of package evidence it names only types
// and constants (the values and their kinds, read through their
// accessors), never a function or a variable, so no code of the loader
// or of suppression runs in the audit.
func TestSharesNoCodeWithSuppression(t *testing.T) {
	fset := token.NewFileSet()
	parse := func(dir string) []*ast.File {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		var files []*ast.File
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		return files
	}
	// The functions and variables of package evidence.
	code := map[string]bool{}
	for _, f := range parse("../evidence") {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					code[d.Name.Name] = true
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, s := range d.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						code[n.Name] = true
					}
				}
			}
		}
	}
	if !code["Load"] {
		t.Fatal("found no functions in package evidence")
	}
	var used []string
	for _, f := range parse(".") {
		name := ""
		for _, imp := range f.Imports {
			if imp.Path.Value == `"github.com/folio-sites/folio/generator/evidence"` {
				name = "evidence"
				if imp.Name != nil {
					name = imp.Name.Name
				}
			}
		}
		if name == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == name {
					used = append(used, sel.Sel.Name)
					if code[sel.Sel.Name] {
						t.Errorf("%s: the audit calls evidence.%s: it must read the published values only, through their accessors",
							fset.Position(sel.Pos()), sel.Sel.Name)
					}
				}
			}
			return true
		})
	}
	if !slices.Contains(used, "Data") {
		t.Errorf("the audit names none of package evidence's types (found %q): is this test still looking at the right files?", used)
	}
}
