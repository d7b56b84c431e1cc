package evidence

import (
	"errors"
	"io/fs"
	"path"

	"github.com/folio-sites/folio/generator"
	"github.com/folio-sites/folio/generator/yamldoc"
)

// Dir is the folder of a site that holds evidence and reference data.
const Dir = "data"

// Known is what the data files may refer to outside data/.
type Known struct {
	// Schools are the school ids found under content/schools/; the id
	// "district" is always known.
	Schools []string
	// Artifacts are the paths of evidence files relative to content/.
	Artifacts []string
}

// Load reads every data file that exists under data/ in fsys. Each file is
// optional: a site with only narratives builds and shows only what it has.
func Load(fsys fs.FS, known Known, ds *generator.Diagnostics) *generator.Evidence {
	ev := &generator.Evidence{}
	ev.Catalogs = loadStandards(fsys, ds)
	ev.Framework = loadFramework(fsys, ds)
	return ev
}

// decodeFile reads data/name into out. It reports whether the file existed
// and parsed.
func decodeFile(fsys fs.FS, name string, out any, ds *generator.Diagnostics) bool {
	p := path.Join(Dir, name)
	src, err := fs.ReadFile(fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		ds.Errorf(generator.Pos{File: p}, "", "cannot read: %v", err)
		return false
	}
	return yamldoc.Decode(src, out, yamldoc.Options{File: p, UnknownKeys: generator.Warning}, ds)
}

// ids reports duplicate and missing ids among one kind of item, keeping the
// position of the first of each so the duplicate's message can point at it.
type ids struct {
	kind  string
	first map[string]generator.Pos
}

func newIDs(kind string) *ids { return &ids{kind: kind, first: map[string]generator.Pos{}} }

// add records id at pos and reports whether it is present and new.
func (s *ids) add(id string, pos generator.Pos, ds *generator.Diagnostics) bool {
	if id == "" {
		ds.Errorf(pos, "add one; it is how other files refer to this entry", "missing %s", s.kind)
		return false
	}
	if prev, dup := s.first[id]; dup {
		ds.Errorf(pos, "the first is at "+prev.String()+"; ids must be unique", "duplicate %s '%s'", s.kind, id)
		return false
	}
	s.first[id] = pos
	return true
}
