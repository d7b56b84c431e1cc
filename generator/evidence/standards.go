package evidence

import (
	"io/fs"
	"regexp"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// StandardsFile is the standards catalogs file under data/.
const StandardsFile = "standards.yaml"

type standardsFile struct {
	Catalogs []struct {
		Pos       generator.Pos
		ID        string `yaml:"id"`
		Name      string `yaml:"name"`
		Version   string `yaml:"version"`
		Standards []struct {
			Pos      generator.Pos
			Code     string `yaml:"code"`
			Title    string `yaml:"title"`
			Criteria []struct {
				Pos  generator.Pos
				Code string `yaml:"code"`
				Text string `yaml:"text"`
			} `yaml:"criteria"`
		} `yaml:"standards"`
	} `yaml:"catalogs"`
}

// A catalog id and a code are cited together as "ISSL 1a", so neither may
// hold a space.
var (
	catalogIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)
	codePattern      = regexp.MustCompile(`^[A-Za-z0-9.]+$`)
)

func loadStandards(fsys fs.FS, ds *generator.Diagnostics) []generator.Catalog {
	var f standardsFile
	if !decodeFile(fsys, StandardsFile, &f, ds) {
		return nil
	}
	catalogIDs := newIDs("catalog id")
	var out []generator.Catalog
	for _, c := range f.Catalogs {
		if !catalogIDs.add(c.ID, c.Pos, ds) {
			continue
		}
		if !catalogIDPattern.MatchString(c.ID) {
			ds.Errorf(c.Pos, "use letters and digits only, e.g. ISSL; narratives cite 'ISSL 1a'", "catalog id '%s' is not a single word", c.ID)
			continue
		}
		if strings.TrimSpace(c.Name) == "" {
			ds.Errorf(c.Pos, "add name: to the catalog", "catalog '%s' has no name", c.ID)
		}
		cat := generator.Catalog{ID: c.ID, Name: c.Name, Version: c.Version}
		codes := newIDs(c.ID + " code")
		for _, s := range c.Standards {
			if !codes.add(s.Code, s.Pos, ds) {
				continue
			}
			if !codePattern.MatchString(s.Code) {
				ds.Errorf(s.Pos, "codes are letters, digits and dots, e.g. 1 or 1a", "standard code '%s' contains a space or symbol", s.Code)
			}
			std := generator.Standard{Code: s.Code, Title: s.Title}
			if strings.TrimSpace(s.Title) == "" {
				ds.Errorf(s.Pos, "add title: to the standard", "standard %s %s has no title", c.ID, s.Code)
			}
			for _, cr := range s.Criteria {
				if !codes.add(cr.Code, cr.Pos, ds) {
					continue
				}
				if !codePattern.MatchString(cr.Code) {
					ds.Errorf(cr.Pos, "codes are letters, digits and dots, e.g. 1 or 1a", "criterion code '%s' contains a space or symbol", cr.Code)
				}
				if strings.TrimSpace(cr.Text) == "" {
					ds.Errorf(cr.Pos, "add text: with the descriptor", "criterion %s %s has no text", c.ID, cr.Code)
				}
				std.Criteria = append(std.Criteria, generator.Criterion{Code: cr.Code, Text: cr.Text})
			}
			cat.Standards = append(cat.Standards, std)
		}
		out = append(out, cat)
	}
	return out
}
