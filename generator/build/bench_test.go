package build_test

import (
	"context"
	"fmt"
	"github.com/folio-sites/folio/generator/sitefs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/audit"
	"github.com/folio-sites/folio/generator/benchsite"
	"github.com/folio-sites/folio/generator/build"
	"github.com/folio-sites/folio/generator/config"
	"github.com/folio-sites/folio/generator/content"
	"github.com/folio-sites/folio/generator/evidence"
	"github.com/folio-sites/folio/generator/optimize"
	"github.com/folio-sites/folio/generator/publish"
	"github.com/folio-sites/folio/generator/render"
	"github.com/folio-sites/folio/generator/site"
)

// Benchmarks run on synthetic districts from package benchsite: N schools
// with 5 narratives each and 3 years of evidence. Run them with
//
//	go test ./generator/build -run '^$' -bench . -benchmem
//
// Sites are generated once per size per test binary, outside the timer.

var (
	sitesMu sync.Mutex
	sites   = map[int]string{}
)

func syntheticSite(b *testing.B, schools int) string {
	b.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if dir, ok := sites[schools]; ok {
		return dir
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("folio-bench-%d-", schools))
	if err != nil {
		b.Fatal(err)
	}
	if err := benchsite.Generate(dir, benchsite.Options{Schools: schools, Narratives: 5, Years: 3}); err != nil {
		b.Fatal(err)
	}
	sites[schools] = dir
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range sites {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// BenchmarkBuild is a whole `folio build` (minified, fingerprinted,
// written to disk) at three sizes; time should grow linearly.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("schools=%d", n), func(b *testing.B) {
			src := syntheticSite(b, n)
			dest := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := build.Build(build.Options{Source: src, Dest: dest, Minify: true, Fingerprint: true})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages), "pages")
			}
		})
	}
}

// BenchmarkBuildNoCharts is the same 1,000 × 5 narrative pages with no
// evidence data, for comparison with generators that draw no charts.
func BenchmarkBuildNoCharts(b *testing.B) {
	src := syntheticSite(b, 1000)
	plain := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(plain, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"installation.csv", "trust.yaml", "trust.csv", "achievement.yaml", "achievement.csv"} {
		os.Remove(filepath.Join(plain, "data", f))
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := build.Build(build.Options{Source: plain, Dest: dest, Minify: true, Fingerprint: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// stageInputs runs the stages before the one being measured.
type stageInputs struct {
	cfg     generator.Config
	content *generator.Content
	ev      *evidence.Data
	site    *site.Site
	tmpl    *render.Templates
}

func stages(b *testing.B, n int) (src string, in stageInputs) {
	src = syntheticSite(b, n)
	fsys := os.DirFS(src)
	var ds generator.Diagnostics
	in.cfg = config.Load(fsys, &ds)
	in.content = content.Load(fsys, in.cfg, &ds)
	in.ev = evidence.Load(fsys, evidence.KnownFrom(in.content), &ds)
	in.site = site.Assemble(in.cfg, in.content, in.ev, nil, &ds)
	th, err := render.LoadTheme(fsys, in.cfg.Theme)
	if err != nil {
		b.Fatal(err)
	}
	in.tmpl = th.Templates(&ds, nil)
	if ds.HasErrors() {
		b.Fatal(ds.Err())
	}
	return src, in
}

// BenchmarkStage measures each stage alone on the 100-school district.
func BenchmarkStage(b *testing.B) {
	const n = 100
	src, in := stages(b, n)
	fsys := os.DirFS(src)
	b.Run("content", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var ds generator.Diagnostics
			content.Load(fsys, in.cfg, &ds)
		}
	})
	b.Run("evidence", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var ds generator.Diagnostics
			evidence.Load(fsys, evidence.KnownFrom(in.content), &ds)
		}
	})
	b.Run("charts", func(b *testing.B) { // site assembly, which draws every chart
		b.ReportAllocs()
		for b.Loop() {
			var ds generator.Diagnostics
			site.Assemble(in.cfg, in.content, in.ev, nil, &ds)
		}
	})
	var pages []generator.File
	b.Run("render", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var ds generator.Diagnostics
			pages = render.Pages(in.site, in.tmpl, optimize.Assets{}, &ds)
		}
	})
	// What minifying each page would cost: the build minifies the layouts
	// once instead (see render.Compact), so pages cost nothing more.
	b.Run("minify-pages", func(b *testing.B) {
		mn := optimize.NewMinifier()
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			files := make([]generator.File, len(pages))
			for i, f := range pages {
				files[i] = generator.File{Path: f.Path, Data: append([]byte(nil), f.Data...)}
			}
			b.StartTimer()
			if _, err := mn.Files(files); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("write", func(b *testing.B) {
		dest := filepath.Join(b.TempDir(), "public")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := publish.Write(dest, pages); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReload is what the preview does after an edit of one narrative
// of a 1,000-school district: build.Load with the previous model and the
// changed file (no page is rendered: the preview renders on request).
func BenchmarkReload(b *testing.B) {
	dir := syntheticSite(b, 1000)
	fsys := sitefs.Dir(dir)
	opts := build.Options{Source: dir, AtRoot: true}
	prev, err := build.Load(context.Background(), fsys, opts, nil)
	if err != nil {
		b.Fatal(err)
	}
	file := "content/schools/school-0500/narrative-3.md"
	orig, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(filepath.Join(dir, file), orig, 0o644)
	opts.Changed = []string{file}
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(filepath.Join(dir, file), fmt.Appendf(slices.Clone(orig), "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		if prev, err = build.Load(context.Background(), fsys, opts, prev); err != nil {
			b.Fatal(err)
		}
	}
	for _, st := range prev.Stages {
		b.ReportMetric(float64(st.Duration.Microseconds())/1000, st.Name+"-ms")
	}
}

// BenchmarkPrivacy measures, on the 1,000-school district, reading the
// three evidence files with suppression (evidence.Load: parsing, inferred
// families, suppression to a fixed point) and, apart, the independent
// audit of what will be published.
func BenchmarkPrivacy(b *testing.B) {
	src := syntheticSite(b, 1000)
	fsys := os.DirFS(src)
	var ds generator.Diagnostics
	known := evidence.KnownFrom(content.Load(fsys, config.Load(fsys, &ds), &ds))
	ev := evidence.Load(fsys, known, &ds)
	if ds.HasErrors() {
		b.Fatal(ds.Err())
	}
	b.Run("load+suppress", func(b *testing.B) {
		for b.Loop() {
			var ds generator.Diagnostics
			evidence.Load(fsys, known, &ds)
		}
	})
	b.Run("audit", func(b *testing.B) {
		for b.Loop() {
			if leaks := audit.Check(ev); len(leaks) > 0 {
				b.Fatalf("the audit found %d leaks: %v", len(leaks), leaks[0])
			}
		}
	})
}
