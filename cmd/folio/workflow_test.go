package main

import (
	"os"
	"strings"
	"testing"
)

// TestPagesWorkflowRunsTheREADMEBuild checks that the GitHub Actions
// workflow is valid YAML, builds with the README's own command under the
// Pages base URL, and deploys the output with the official Pages actions.
func TestPagesWorkflowRunsTheREADMEBuild(t *testing.T) {
	wf := readWorkflow(t, "../../.github/workflows/pages.yml")
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
	for _, job := range wf.Jobs {
		checkActions(t, "pages.yml", job.Steps)
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions = %v", wf.Permissions)
	}
	if wf.Jobs["deploy"].Needs != "build" {
		t.Error("deploy does not wait for build")
	}
}

// TestReleaseWorkflowBuildsEveryPlatform checks that a v* tag builds folio
// for Windows, both Macs and Linux, with checksums, using current actions.
func TestReleaseWorkflowBuildsEveryPlatform(t *testing.T) {
	src, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	wf := readWorkflow(t, "../../.github/workflows/release.yml")
	push, _ := wf.On["push"].(map[string]any)
	if tags, _ := push["tags"].([]any); len(tags) != 1 || tags[0] != "v*" {
		t.Errorf("release runs on %v, want push of v* tags", wf.On)
	}
	if wf.Permissions["contents"] != "write" {
		t.Errorf("permissions = %v; creating a release needs contents: write", wf.Permissions)
	}
	job := wf.Jobs["release"]
	checkActions(t, "release.yml", job.Steps)
	var script string
	for _, st := range job.Steps {
		script += st.Run + "\n"
	}
	for _, want := range []string{"windows/amd64 darwin/arm64 darwin/amd64 linux/amd64 linux/arm64", "go build", "./cmd/folio",
		"-X main.version=${VERSION}", "sha256sum", "gh release create"} {
		if !strings.Contains(script, want) {
			t.Errorf("release.yml lacks %q", want)
		}
	}
	if !strings.Contains(string(src), "VERSION: ${{ github.ref_name }}") {
		t.Error("release.yml does not take the version from the tag")
	}
}
