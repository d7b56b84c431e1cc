package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuTimeout bounds the Nu checker, a Java program rather than a browser
// test: it checks every page in one run, and the JVM starts slowly on a
// busy machine.
const vnuTimeout = 2 * time.Minute

// vnuMessage is one message of the Nu HTML checker's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`
	SubType     string `json:"subType"`
	URL         string `json:"url"`
	Line        int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// TestHTMLValid runs the W3C Nu HTML checker over every page of the built
// sample site, and the pages a district of more than 40 schools has of
// its own (its home page, the comparisons of every school, the packet),
// and fails for every error, with its page and an extract of the markup
// around it (pages are minified to one line, so the column alone says
// little).
func TestHTMLValid(t *testing.T) {
	t.Parallel()
	jar, java := vnuJar(t)
	s := sampleDistrict(t)
	large := largeDistrict(t)
	args := []string{"-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", s.Dir}
	for _, page := range []string{"index.html", "compare/installation/index.html", "compare/trust/index.html", "compare/achievement/index.html", "board/index.html"} {
		file := filepath.Join(large.Dir, filepath.FromSlash(page))
		if _, err := os.Stat(file); err != nil {
			t.Fatalf("the large district has no %s: %v", page, err)
		}
		args = append(args, file)
	}
	ctx, cancel := context.WithTimeout(context.Background(), vnuTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// vnu writes its report to stderr and exits 1 when it found errors.
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu (%v): unreadable report: %v\n%s%s", runErr, err, stdout.String(), stderr.String())
	}
	errors := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		errors++
		page := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(s.Dir, page); err == nil && !strings.HasPrefix(rel, "..") {
			page = filepath.ToSlash(rel)
		} else if rel, err := filepath.Rel(large.Dir, page); err == nil {
			page = "large district: " + filepath.ToSlash(rel)
		}
		t.Errorf("%s:%d:%d: %s\n\t…%s…", page, m.Line, m.FirstColumn, m.Message, m.Extract)
	}
	if runErr != nil && errors == 0 {
		t.Errorf("vnu failed with no error in its report: %v\n%s", runErr, stderr.String())
	}
	t.Logf("vnu checked %d pages: %d errors", len(s.Pages)+5, errors)
}
