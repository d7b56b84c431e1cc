package serve_test

import (
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/folio-sites/folio/generator/benchsite"
	"github.com/folio-sites/folio/generator/serve"
)

// BenchmarkEditToReload measures, on a copy of the repository's sample
// district, the time from writing a narrative to the reload event reaching
// a page's event stream: the debounce quiet period, the (incremental)
// rebuild and the swap. It reports the median and 90th percentile besides
// the mean (ns/op), and the median of the rebuild alone, from the batch of
// file events to the reload event.
func BenchmarkEditToReload(b *testing.B) {
	root := filepath.Join("..", "..") // the repository, itself a site
	dir := filepath.Join(b.TempDir(), "site")
	copyTree(b, filepath.Join(root, "content"), filepath.Join(dir, "content"))
	copyTree(b, filepath.Join(root, "data"), filepath.Join(dir, "data"))
	yaml, err := os.ReadFile(filepath.Join(root, "folio.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "folio.yaml"), yaml, 0o644); err != nil {
		b.Fatal(err)
	}
	editToReload(b, dir, filepath.Join(dir, "content", "schools", "lincoln-middle", "coaching-cycles.md"))
}

// BenchmarkEditToReloadLarge is BenchmarkEditToReload on a generated
// district of 1,000 schools with 5 narratives each.
func BenchmarkEditToReloadLarge(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := benchsite.Generate(dir, benchsite.Options{Schools: 1000, Narratives: 5, Years: 3}); err != nil {
		b.Fatal(err)
	}
	editToReload(b, dir, filepath.Join(dir, "content", "schools", "school-0500", "narrative-3.md"))
}

func editToReload(b *testing.B, dir, file string) {
	h := start(b, dir)
	st := h.listen()
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	for len(h.updates) > 0 {
		<-h.updates
	}
	var rebuilds []time.Duration

	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := os.WriteFile(file, fmt.Appendf(slices.Clone(orig), "\nEdit number %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		st.expect(serve.EventReload)
		took = append(took, time.Since(start))
		select {
		case u := <-h.updates:
			rebuilds = append(rebuilds, u.Duration)
		default:
		}
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "median-ms")
	b.ReportMetric(ms(took[len(took)*9/10]), "p90-ms")
	if len(rebuilds) > 0 {
		slices.Sort(rebuilds)
		b.ReportMetric(ms(rebuilds[len(rebuilds)/2]), "rebuild-median-ms")
	}
}

// BenchmarkFirstPageLarge measures, on a generated district of 1,000
// schools with 5 narratives each, the time from starting the server
// (serve.New loads the site) to the home page and a school page having
// been answered.
func BenchmarkFirstPageLarge(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := benchsite.Generate(dir, benchsite.Options{Schools: 1000, Narratives: 5, Years: 3}); err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		s, err := serve.New(serve.Options{Source: dir})
		if err != nil {
			b.Fatal(err)
		}
		ts := httptest.NewServer(s.Handler())
		for _, p := range []string{"/", "/schools/school-0500/"} {
			resp, err := ts.Client().Get(ts.URL + p)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("GET %s: %s", p, resp.Status)
			}
			if p == "/" {
				took = append(took, time.Since(start))
			}
		}
		ts.Close()
		s.Close()
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "first-page-ms")
}
