package e2e_test

// The tools the tests need besides Go, and what happens without them.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// cacheDir is where .ci/run installs the npm packages the tests use.
func cacheDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".cache", "folio-e2e", "node_modules")
}

// inCI reports whether the tests run on CI, where a missing tool is a
// failure rather than a reason to skip.
func inCI() bool { return os.Getenv("CI") != "" }

// missing skips t because a tool is not installed, or fails it on CI.
// A skip is easy to miss (go test ./... prints nothing of a package that
// passes), so the warning also goes to the terminal when there is one.
func missing(t *testing.T, what, fix string) {
	t.Helper()
	msg := fmt.Sprintf("%s not found; install it: %s", what, fix)
	if inCI() {
		t.Fatalf("%s (CI is set, so this is an error, not a skip)", msg)
	}
	warnOnce(what, msg)
	t.Skipf("SKIPPED: %s", msg)
}

var warned sync.Map

// warnOnce prints msg once per key, on stderr and on the terminal.
func warnOnce(key, msg string) {
	if _, done := warned.LoadOrStore(key, true); done {
		return
	}
	banner := "\n*** folio e2e: " + msg + "\n*** the tests that need it were SKIPPED (.ci/run installs everything they need)\n\n"
	fmt.Fprint(os.Stderr, banner)
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprint(tty, banner)
		tty.Close()
	}
}

// tool returns the file the environment variable env names, or else
// def, and whether it exists.
func tool(env, def string) (path string, ok bool) {
	path = def
	if p := os.Getenv(env); p != "" {
		path = p
	}
	_, err := os.Stat(path)
	return path, err == nil
}

// axeScript returns the source of axe-core's axe.min.js.
func axeScript(t *testing.T) string {
	t.Helper()
	p, ok := tool("FOLIO_AXE_JS", filepath.Join(cacheDir(), "axe-core", "axe.min.js"))
	if !ok {
		missing(t, "axe-core's "+p, `npm install --prefix "$HOME/.cache/folio-e2e" axe-core@4, or set FOLIO_AXE_JS`)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// vnuJar returns the paths of the Nu HTML checker's jar and of java.
func vnuJar(t *testing.T) (jar, java string) {
	t.Helper()
	jar, ok := tool("FOLIO_VNU_JAR", filepath.Join(cacheDir(), "vnu-jar", "build", "dist", "vnu.jar"))
	if !ok {
		missing(t, "the Nu HTML checker's "+jar, `npm install --prefix "$HOME/.cache/folio-e2e" vnu-jar, or set FOLIO_VNU_JAR`)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java", "apt-get install -y default-jre-headless")
	}
	return jar, java
}

// chromiumPath finds the browser: FOLIO_CHROMIUM, else Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("FOLIO_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		return ""
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
