package evidence

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/folio-sites/folio/generator"
)

// FrameworkFile is the leadership framework file under data/.
const FrameworkFile = "framework.yaml"

type frameworkFile struct {
	Name        string `yaml:"name"`
	StatusScale []struct {
		Pos   generator.Pos
		ID    string `yaml:"id"`
		Label string `yaml:"label"`
		Color string `yaml:"color"`
	} `yaml:"status_scale"`
	Components []struct {
		Pos         generator.Pos
		ID          string `yaml:"id"`
		Title       string `yaml:"title"`
		Description string `yaml:"description"`
		Practices   []struct {
			Pos        generator.Pos
			ID         string `yaml:"id"`
			Text       string `yaml:"text"`
			Short      string `yaml:"short"`
			Stage      string `yaml:"stage"`
			Indicators []struct {
				Pos    generator.Pos
				ID     string   `yaml:"id"`
				Text   string   `yaml:"text"`
				Target *float64 `yaml:"target"`
				Unit   string   `yaml:"unit"`
			} `yaml:"indicators"`
		} `yaml:"practices"`
	} `yaml:"components"`
}

// colorPattern accepts hex colours only: the value reaches CSS and chart
// options, so nothing else may pass.
var colorPattern = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

func loadFramework(fsys fs.FS, ds *generator.Diagnostics) *generator.Framework {
	var f frameworkFile
	if !decodeFile(fsys, FrameworkFile, &f, ds) {
		return nil
	}
	file := generator.Pos{File: Dir + "/" + FrameworkFile, Line: 1}
	fw := &generator.Framework{Name: strings.TrimSpace(f.Name)}
	if fw.Name == "" {
		ds.Errorf(file, "add e.g. name: Leadership Network", "framework has no name")
	}

	statuses := newIDs("status id")
	for _, s := range f.StatusScale {
		if !statuses.add(s.ID, s.Pos, ds) {
			continue
		}
		if s.ID == generator.NotApplicable {
			ds.Errorf(s.Pos, "it is always allowed and left out of shares; remove it from status_scale", "'%s' cannot be part of the scale", s.ID)
			continue
		}
		if s.Color != "" && !colorPattern.MatchString(s.Color) {
			ds.Errorf(s.Pos, "write a hex colour such as \"#0072b2\" (quoted, since # starts a YAML comment)", "status '%s': '%s' is not a colour", s.ID, s.Color)
			s.Color = ""
		}
		label := s.Label
		if label == "" {
			label = s.ID
		}
		fw.StatusScale = append(fw.StatusScale, generator.Status{ID: s.ID, Label: label, Color: s.Color})
	}
	if len(f.StatusScale) == 0 {
		fw.StatusScale = slices.Clone(generator.DefaultStatusScale)
	}
	fillColors(fw.StatusScale)

	components, practices, indicators := newIDs("component id"), newIDs("practice id"), newIDs("indicator id")
	for _, c := range f.Components {
		if !components.add(c.ID, c.Pos, ds) {
			continue
		}
		if strings.TrimSpace(c.Title) == "" {
			ds.Errorf(c.Pos, "add title: to the component", "component '%s' has no title", c.ID)
		}
		comp := generator.Component{ID: c.ID, Title: c.Title, Description: c.Description}
		for _, p := range c.Practices {
			if !practices.add(p.ID, p.Pos, ds) {
				continue
			}
			if strings.TrimSpace(p.Text) == "" {
				ds.Errorf(p.Pos, "add text: describing the practice", "practice '%s' has no text", p.ID)
			}
			if p.Stage != "" && !slices.Contains(generator.Stages, p.Stage) {
				ds.Errorf(p.Pos, hintFor(p.Stage, generator.Stages), "practice '%s': unknown stage '%s'", p.ID, p.Stage)
			}
			prac := generator.Practice{ID: p.ID, Text: p.Text, Short: strings.TrimSpace(p.Short), Stage: p.Stage}
			for _, in := range p.Indicators {
				if !indicators.add(in.ID, in.Pos, ds) {
					continue
				}
				if strings.TrimSpace(in.Text) == "" {
					ds.Errorf(in.Pos, "add text: describing what is observed", "indicator '%s' has no text", in.ID)
				}
				if in.Target != nil && *in.Target <= 0 {
					ds.Errorf(in.Pos, "a target is the count at which the indicator is in place", "indicator '%s': target must be more than 0", in.ID)
				}
				prac.Indicators = append(prac.Indicators, generator.Indicator{ID: in.ID, Text: in.Text, Target: in.Target, Unit: in.Unit})
			}
			comp.Practices = append(comp.Practices, prac)
		}
		fw.Components = append(fw.Components, comp)
	}
	return fw
}

// hintFor suggests the closest allowed value, or lists them all.
func hintFor(got string, allowed []string) string {
	if h := generator.DidYouMean(got, allowed); h != "" {
		return h
	}
	return "allowed: " + strings.Join(allowed, ", ")
}

// fillColors gives statuses without a colour one from a colour-blind-safe
// palette, so a custom scale still draws distinguishably.
func fillColors(scale []generator.Status) {
	palette := []string{"#d55e00", "#e69f00", "#009e73", "#0072b2", "#cc79a7", "#56b4e9", "#f0e442", "#000000"}
	for i := range scale {
		if scale[i].Color == "" {
			scale[i].Color = palette[i%len(palette)]
		}
	}
}
