package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// archive is a txtar-style text: a comment, then files introduced by
// "-- name --" lines. It keeps a whole site, and its expected output,
// readable in one file.
type archive struct {
	comment string
	files   map[string]string
	order   []string
}

func parseArchive(t *testing.T, data []byte) archive {
	t.Helper()
	a := archive{files: map[string]string{}}
	var name string
	var body bytes.Buffer
	flush := func() {
		if name != "" {
			a.files[name] = body.String()
			a.order = append(a.order, name)
		} else {
			a.comment = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		body.WriteString(line)
	}
	flush()
	return a
}

func readArchive(t *testing.T, path string) archive {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parseArchive(t, data)
}

// writeSite writes the archive's files (except "want") into a new folder.
func writeSite(t *testing.T, a archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range a.order {
		if name == "want" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(a.files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readTree returns every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
