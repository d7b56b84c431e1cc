package generator_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// stages are the packages of a build in the order of the package doc: each
// may import only the stages before it.
var stages = []string{"config", "message", "content", "evidence", "audit", "goals", "changes", "gaps", "chart", "site", "render", "optimize", "publish", "build", "serve"}

// helpers may be imported by any stage and import no stage themselves;
// yamldoc only by the stages that read what authors write.
var helpers = map[string][]string{
	"":                  nil, // the domain types
	"internal/parallel": nil,
	"internal/lp":       {"evidence", "audit"},
	"sitefs":            nil,
	"yamldoc":           {"config", "content", "evidence", "goals"},
	"linkcheck":         {},
	"benchsite":         {},
	"scaffold":          {},
}

// TestImportsFollowTheStageOrder checks, with go list, that no package of
// generator/ imports against the order documented in doc.go.
func TestImportsFollowTheStageOrder(t *testing.T) {
	const module = "github.com/folio-sites/folio/generator"
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{join .Imports \" \"}}", module+"/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err) // no go tool: nothing to check with
	}
	rank := map[string]int{}
	for i, s := range stages {
		rank[s] = i
	}
	seen := 0
	for line := range strings.Lines(string(out)) {
		path, imports, _ := strings.Cut(strings.TrimSpace(line), ":")
		pkg := strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
		if pkg == "e2e" {
			continue // tests only
		}
		seen++
		for _, imp := range strings.Fields(imports) {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			dep := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if users, ok := helpers[dep]; ok {
				if users != nil && !slices.Contains(users, pkg) {
					t.Errorf("%s imports %s, which only %s may use", pkg, dep, strings.Join(users, ", "))
				}
				continue
			}
			r, isStage := rank[dep]
			mine, amStage := rank[pkg]
			switch {
			case !isStage:
				t.Errorf("%s imports %s, which is neither a stage nor a helper: add it to doc.go and to this test", pkg, dep)
			case !amStage:
				t.Errorf("helper %s imports the stage %s", pkg, dep)
			case r >= mine:
				t.Errorf("%s imports %s, a later stage (order: %s)", pkg, dep, strings.Join(stages, " → "))
			case pkg == "serve" && dep != "build":
				t.Errorf("serve imports %s: of the stages it may use only build", dep)
			}
		}
	}
	if seen < len(stages) {
		t.Fatalf("go list found %d packages:\n%s", seen, out)
	}
}
