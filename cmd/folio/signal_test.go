package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/publish"
)

// TestMain lets a test run the CLI in a subprocess of its own binary, to
// send it signals.
func TestMain(m *testing.M) {
	if os.Getenv("FOLIO_TEST_RUN_CLI") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// Ctrl-C or SIGTERM in the middle of writing: the temporary folder is
// removed, the previous output is untouched, and the exit status is the
// shell's for that signal.
func TestBuildInterruptedBySignalCleansUp(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	src := filepath.Join(t.TempDir(), "district")
	if code, _, errs := runCLI("bench", "generate", "--schools", "40", "--narratives", "8", "--years", "3", src); code != exitOK {
		t.Fatalf("bench generate: %s", errs)
	}
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "interrupt"}, {syscall.SIGTERM, 143, "terminated"}} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if _, err := publish.Write(dest, []generator.File{{Path: "index.html", Data: []byte("previous")}}); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "build", "--source", src, "--dest", dest)
			cmd.Env = append(os.Environ(), "FOLIO_TEST_RUN_CLI=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()

			// Wait until pages are being written into the temporary folder.
			tmp := filepath.Join(parent, fmt.Sprintf(".folio-build-%d-*", cmd.Process.Pid), "schools")
			deadline := time.Now().Add(2 * time.Minute)
			for {
				if m, _ := filepath.Glob(tmp); len(m) > 0 {
					break
				}
				select {
				case err := <-exited:
					t.Fatalf("the build ended (%v) before it could be interrupted: %s", err, stderr.String())
				case <-time.After(2 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the build never started writing")
				}
			}
			if err := cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatal("the build did not stop within a minute of the signal")
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != tt.code {
				t.Errorf("exit: %v, want status %d", err, tt.code)
			}
			want := "folio build: interrupted (" + tt.name + "); nothing was written, the previous output is as it was\n"
			if !strings.HasSuffix(stderr.String(), want) {
				t.Errorf("stderr = %q, want it to end with %q", stderr.String(), want)
			}
			if left, _ := filepath.Glob(filepath.Join(parent, ".folio-build-*")); len(left) > 0 {
				t.Errorf("temporary folders left: %v", left)
			}
			if data, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil || string(data) != "previous" {
				t.Errorf("previous output changed: %q, %v", data, err)
			}
		})
	}
}
