package e2e_test

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// drawnChart is what the page knows about one chart container.
type drawnChart struct {
	ID    string `json:"id"`
	Drawn string `json:"drawn"`
	Error string `json:"error"`
	// Instance says whether echarts.getInstanceByDom finds the chart.
	Instance bool `json:"instance"`
	// Shapes counts the SVG's paths and texts; Width is its width.
	Shapes int     `json:"shapes"`
	Width  float64 `json:"width"`
	Series []struct {
		Name string `json:"name"`
		Type string `json:"type"`
		Data []any  `json:"data"`
	} `json:"series"`
	// Table is the text of every cell of the chart's data table, by row;
	// nil when the figure has none.
	Table [][]string `json:"table"`
}

// chartsJS reads every chart container of the page.
const chartsJS = `Array.from(document.querySelectorAll('figure.chart .chart-canvas')).map(el => {
  const inst = window.echarts ? echarts.getInstanceByDom(el) : null;
  const svg = el.querySelector('svg');
  const fig = el.closest('figure');
  const table = fig ? fig.querySelector('details.chart-data table') : null;
  return {
    id: el.id,
    drawn: el.getAttribute('data-chart-drawn') || '',
    error: el.getAttribute('data-chart-error') || '',
    instance: !!inst,
    shapes: svg ? svg.querySelectorAll('path, text').length : 0,
    width: svg ? svg.getBoundingClientRect().width : 0,
    series: inst ? (inst.getOption().series || []).map(s => ({name: s.name || '', type: s.type, data: s.data || []})) : [],
    table: table ? Array.from(table.rows).map(r => Array.from(r.cells).map(c => c.textContent.trim())) : null,
  };
})`

// checkChart lists what is wrong with one drawn chart.
func checkChart(c drawnChart) []string {
	var problems []string
	if c.Drawn != "true" {
		problems = append(problems, fmt.Sprintf("not drawn: data-chart-drawn=%q, data-chart-error=%q", c.Drawn, c.Error))
	}
	if !c.Instance {
		return append(problems, "echarts.getInstanceByDom finds no chart")
	}
	if c.Shapes == 0 || c.Width == 0 {
		problems = append(problems, fmt.Sprintf("empty SVG: %d paths and texts, %.0f px wide", c.Shapes, c.Width))
	}
	if c.Table == nil {
		return append(problems, "no data table in the chart's figure")
	}
	if len(c.Series) == 0 {
		problems = append(problems, "the chart has no series")
	}
	inTable := tableNumbers(c.Table)
	for _, s := range c.Series {
		if strings.HasPrefix(s.Name, "Suppressed") {
			continue // markers drawn at zero where a value is withheld
		}
		for i, item := range s.Data {
			v := item
			if m, ok := item.(map[string]any); ok {
				v = m["value"]
			}
			switch v := v.(type) {
			case float64:
				if !slices.Contains(inTable, round2(v)) {
					problems = append(problems, fmt.Sprintf("series %q point %d: %v is drawn but not in the data table", s.Name, i, v))
				}
			case []any:
				// A heatmap cell, [x, y, level, label]: the table's cell at
				// row y, column x must name the status the colour shows.
				if p := checkHeatmapCell(c.Table, s.Name, item, v); p != "" {
					problems = append(problems, p)
				}
			case string:
				if v != "-" {
					problems = append(problems, fmt.Sprintf("series %q point %d: unexpected value %q", s.Name, i, v))
				}
			case nil:
			default:
				problems = append(problems, fmt.Sprintf("series %q point %d: unexpected value %v", s.Name, i, v))
			}
		}
	}
	return problems
}

// checkHeatmapCell compares a heatmap item with its table cell.
func checkHeatmapCell(table [][]string, series string, item any, v []any) string {
	m, _ := item.(map[string]any)
	name, _ := m["name"].(string)
	x, okx := v[0].(float64)
	y, oky := v[1].(float64)
	if !okx || !oky || name == "" {
		return fmt.Sprintf("series %q: heatmap item %v has no position or name", series, item)
	}
	row, col := int(y)+1, int(x)+1 // the header row and the row-header column
	if row >= len(table) || col >= len(table[row]) {
		return fmt.Sprintf("series %q: heatmap cell (%v, %v) is outside the %d-row data table", series, x, y, len(table))
	}
	if got := table[row][col]; got != name {
		return fmt.Sprintf("series %q: heatmap cell %s × %s draws %q, the data table says %q", series, table[row][0], table[0][col], name, got)
	}
	return ""
}

// tableNumbers parses every cell that is a number once its unit is
// stripped: "61.5%", "+5.0 pp", "-0.4 pp", "4.25", "≥95%".
func tableNumbers(table [][]string) []float64 {
	var nums []float64
	for _, row := range table {
		for _, cell := range row {
			c := strings.TrimSpace(cell)
			c = strings.TrimSuffix(c, "pp")
			c = strings.TrimSpace(c)
			c = strings.TrimSuffix(c, "%")
			c = strings.TrimLeft(c, "+≤≥")
			c = strings.ReplaceAll(c, "−", "-") // a typographic minus
			if v, err := strconv.ParseFloat(c, 64); err == nil {
				nums = append(nums, round2(v))
			}
		}
	}
	return nums
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
