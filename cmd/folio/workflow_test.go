package main

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// TestPagesWorkflowRunsTheREADMEBuild checks that the GitHub Actions
// workflow is valid YAML, builds with the README's own command under the
// Pages base URL, and deploys the output with the official Pages actions.
func TestPagesWorkflowRunsTheREADMEBuild(t *testing.T) {
	src, err := os.ReadFile("../../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Needs string `yaml:"needs"`
			Steps []struct {
				ID   string         `yaml:"id"`
				Uses string         `yaml:"uses"`
				Run  string         `yaml:"run"`
				With map[string]any `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("pages.yml is not valid YAML: %v", err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const buildCmd = "go run ./cmd/folio build"
	if !strings.Contains(string(readme), "\n"+buildCmd) {
		t.Fatalf("README no longer shows %q", buildCmd)
	}
	uses := map[string]bool{}
	var run string
	for _, job := range wf.Jobs {
		for _, st := range job.Steps {
			name, _, _ := strings.Cut(st.Uses, "@")
			uses[name] = true
			if strings.Contains(st.Run, "folio") {
				run = st.Run
			}
			if name == "actions/upload-pages-artifact" && st.With["path"] != "public" {
				t.Errorf("uploads %v, want public", st.With["path"])
			}
		}
	}
	if !strings.HasPrefix(run, buildCmd+" --base-url ") || !strings.Contains(run, "steps.pages.outputs.base_url") {
		t.Errorf("workflow builds with %q, want the README's %q with the Pages base URL", run, buildCmd)
	}
	for _, a := range []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} {
		if !uses[a] {
			t.Errorf("workflow does not use %s", a)
		}
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions = %v", wf.Permissions)
	}
	if wf.Jobs["deploy"].Needs != "build" {
		t.Error("deploy does not wait for build")
	}
}
