package stats

import (
	"fmt"
	"strconv"
	"strings"

	"shebao"
)

// CollectionColors are the collection chart's colours: expected,
// collected, failed.
var CollectionColors = []string{"#9aa5b1", "#3f9a5b", "#b00020"}

// CollectionChart draws each month's expected, collected and failed sums
// side by side as an inline SVG element (no script, no external
// resources), in yuan, or in ten-thousands of yuan (万元) when the largest
// is 100,000 yuan or more. Months not closed have no bars. Each group of
// bars has a title with its figures and the collection rate.
func CollectionChart(c Collection, t Translator) string {
	var b strings.Builder
	var most shebao.Fen
	for _, m := range c.Months {
		most = max(most, m.Expected, m.Collected)
	}
	unit, unitKey := int64(100), "stats.coll.unit_yuan" // fen per axis unit
	if most >= 100_000*100 {
		unit, unitKey = 10_000*100, "stats.coll.unit_wan"
	}
	top := niceCeil(int((int64(most) + unit - 1) / unit))
	openSVG(&b, t("stats.coll.chart")+" ("+t(unitKey)+")")
	for i := 0; i <= gridLines; i++ {
		y := padT + plotH - plotH*i/gridLines
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, padL, y, padL+plotW, y, strokeLight)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="%d">%d</text>`, padL-6, y+4, fontSize, top*i/gridLines)
	}
	n := len(c.Months)
	slot := float64(plotW) / float64(max(n, 1))
	barW := slot * 0.8 / 3
	for i, m := range c.Months {
		x0 := float64(padL) + slot*float64(i) + slot*0.1
		if m.Closed {
			for k, v := range []shebao.Fen{m.Expected, m.Collected, m.Failed} {
				h := float64(plotH) * float64(v) / float64(unit) / float64(max(top, 1))
				if h > 0 {
					fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`,
						x0+barW*float64(k), float64(padT+plotH)-h, barW, h, CollectionColors[k])
				}
			}
			tip := m.Period.String() + ": " + t("stats.coll.expected") + " " + m.Expected.String() + ", " +
				t("stats.coll.collected") + " " + m.Collected.String() + ", " + t("stats.coll.failed") + " " +
				m.Failed.String() + ", " + t("stats.coll.rate") + " " + m.Rate.Percent()
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="transparent"><title>%s</title></rect>`,
				x0, padT, barW*3, plotH, esc(tip))
		}
		xLabel(&b, i, n, x0+barW*1.5, m.Period)
	}
	axes(&b)
	x := padL
	for k, key := range []string{"stats.coll.expected", "stats.coll.collected", "stats.coll.failed"} {
		label := t(key)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`, x, legendY-10, CollectionColors[k])
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="%d">%s</text>`, x+16, legendY, fontSize+1, esc(label))
		x += 40 + 14*len([]rune(label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// MonthsLabel names a bucket of months owed: "1", "2–3", "4+".
func (a ArrearsBucket) MonthsLabel() string {
	switch {
	case a.Max == 0:
		return strconv.Itoa(a.Min) + "+"
	case a.Max == a.Min:
		return strconv.Itoa(a.Min)
	}
	return strconv.Itoa(a.Min) + "–" + strconv.Itoa(a.Max)
}
