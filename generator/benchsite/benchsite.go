// Package benchsite writes realistic synthetic district sites for
// benchmarks and for sizing a deployment: N schools with K narratives each
// (about 600 words, with headings, a table, lists, links and cited
// standards) and Y years of installation, trust and achievement evidence,
// including small groups that folio must suppress. The same options always
// write the same bytes.
package benchsite

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size the site.
type Options struct {
	Schools    int
	Narratives int
	Years      int
	// Seed varies the text and numbers; 0 is a fine default.
	Seed uint64
}

// Generate writes the site into dir, which must not exist or be empty.
func Generate(dir string, o Options) error {
	if o.Schools < 1 || o.Narratives < 0 || o.Years < 1 {
		return fmt.Errorf("need at least 1 school and 1 year (got %d schools, %d years)", o.Schools, o.Years)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	g := &gen{dir: dir, o: o, r: rand.New(rand.NewPCG(o.Seed, 0x666f6c696f))}
	steps := []func() error{g.config, g.standards, g.framework, g.home, g.schools, g.installation, g.trust, g.achievement}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	dir string
	o   Options
	r   *rand.Rand
}

func (g *gen) write(rel, text string) error {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

// csvFile streams rows to a CSV file; the evidence files are the large ones.
func (g *gen) csvFile(rel, header string, rows func(w *bufio.Writer)) error {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString(header + "\n")
	rows(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (g *gen) config() error {
	return g.write("folio.yaml", fmt.Sprintf("title: Synthetic District (%d schools)\nlanguage: en\n", g.o.Schools))
}

// schoolID names school i; ids sort in creation order.
func schoolID(i int) string { return fmt.Sprintf("school-%04d", i+1) }

var levels = []struct{ id, grades, noun string }{
	{"elementary", "K-5", "Elementary School"},
	{"middle", "6-8", "Middle School"},
	{"high", "9-12", "High School"},
}

var places = []string{"Lincoln", "Prairie", "Cedar", "River", "Oak", "Maple", "Jefferson", "Washington", "Hillcrest", "Lakeview", "Sunset", "Meadow", "Franklin", "Roosevelt", "Willow", "Pine"}

func (g *gen) home() error {
	var b strings.Builder
	b.WriteString("---\ntitle: Synthetic District Portfolio\ndistrict: Synthetic Community School District\nsummary: A generated district for measuring folio.\n---\n\n")
	b.WriteString(g.paragraphs(3))
	if err := g.write("content/_index.md", b.String()); err != nil {
		return err
	}
	for k := 0; k < min(3, max(1, g.o.Narratives)); k++ {
		if err := g.write(fmt.Sprintf("content/district/narrative-%d.md", k+1), g.narrative("District", k)); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) schools() error {
	for i := range g.o.Schools {
		lv := levels[i%len(levels)]
		name := fmt.Sprintf("%s %s %d", places[i%len(places)], lv.noun, i+1)
		profile := fmt.Sprintf("---\nname: %s\nlevel: %s\ngrades: %s\nenrollment: %d\nprincipal: Principal %d\nsummary: A school working on feedback, teams and family partnership.\n---\n\n%s",
			name, lv.id, lv.grades, 200+g.r.IntN(900), i+1, g.paragraphs(2))
		if err := g.write("content/schools/"+schoolID(i)+"/_index.md", profile); err != nil {
			return err
		}
		for k := range g.o.Narratives {
			if err := g.write(fmt.Sprintf("content/schools/%s/narrative-%d.md", schoolID(i), k+1), g.narrative(name, k)); err != nil {
				return err
			}
		}
	}
	return nil
}
