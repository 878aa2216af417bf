package stats

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"shebao"
)

// Translator returns the message of a catalogue key in the reader's
// language (i18n.T bound to a language).
type Translator func(key string, args ...string) string

// ChannelColors are the charts' colours of shebao.Channels, in order.
var ChannelColors = []string{"#2f6fa8", "#3f9a5b", "#c9822b"}

// Chart geometry, in SVG user units.
const (
	chartW, chartH          = 760, 280
	padL, padR, padT, padB  = 56, 16, 16, 56
	plotW, plotH            = chartW - padL - padR, chartH - padT - padB
	legendY                 = chartH - 12
	labelEvery, maxXLabels  = 1, 13
	gridLines               = 4
	fontSize                = 11
	strokeAxis, strokeLight = "#555", "#ddd"
)

// BarChart draws the items per month, stacked by channel, as an inline
// SVG element (no script, no external resources). Each bar has a title
// with its figures for screen readers and pointer hover.
func BarChart(r Report, t Translator) string {
	var b strings.Builder
	top := niceCeil(maxTotal(r))
	openSVG(&b, t("stats.chart.bars"))
	for i := 0; i <= gridLines; i++ {
		v := top * i / gridLines
		y := padT + plotH - plotH*i/gridLines
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, padL, y, padL+plotW, y, strokeLight)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="%d">%d</text>`, padL-6, y+4, fontSize, v)
	}
	n := len(r.Months)
	slot := float64(plotW) / float64(max(n, 1))
	barW := slot * 0.7
	for i, m := range r.Months {
		x := float64(padL) + slot*float64(i) + (slot-barW)/2
		y := float64(padT + plotH)
		var tip []string
		for c, cnt := range m.ByChannel {
			h := float64(plotH) * float64(cnt) / float64(max(top, 1))
			y -= h
			if cnt > 0 {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y, barW, h, ChannelColors[c%len(ChannelColors)])
			}
			tip = append(tip, t("channel."+string(shebao.Channels[c]))+" "+strconv.Itoa(cnt))
		}
		fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="transparent"><title>%s</title></rect>`,
			x, padT, barW, plotH, esc(m.Period.String()+": "+strconv.Itoa(m.Total)+" ("+strings.Join(tip, ", ")+")"))
		xLabel(&b, i, n, x+barW/2, m.Period)
	}
	axes(&b)
	legend(&b, t)
	b.WriteString(`</svg>`)
	return b.String()
}

// LineChart draws each channel's share of the month's items (0–100%) as
// an inline SVG element; months without items break the lines.
func LineChart(r Report, t Translator) string {
	var b strings.Builder
	openSVG(&b, t("stats.chart.shares"))
	for i := 0; i <= gridLines; i++ {
		y := padT + plotH - plotH*i/gridLines
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, padL, y, padL+plotW, y, strokeLight)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="%d">%d%%</text>`, padL-6, y+4, fontSize, 100*i/gridLines)
	}
	n := len(r.Months)
	slot := float64(plotW) / float64(max(n, 1))
	xOf := func(i int) float64 { return float64(padL) + slot*float64(i) + slot/2 }
	for c := range shebao.Channels {
		var d strings.Builder
		move := true
		for i, m := range r.Months {
			if m.Total == 0 {
				move = true
				continue
			}
			y := float64(padT+plotH) - float64(plotH)*float64(m.ByChannel[c])/float64(m.Total)
			cmd := "L"
			if move {
				cmd, move = "M", false
			}
			fmt.Fprintf(&d, "%s%.1f %.1f ", cmd, xOf(i), y)
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s</title></circle>`, xOf(i), y,
				ChannelColors[c%len(ChannelColors)], esc(m.Period.String()+" "+t("channel."+string(shebao.Channels[c]))+" "+m.Shares[c].Percent()))
		}
		if d.Len() > 0 {
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.TrimSpace(d.String()), ChannelColors[c%len(ChannelColors)])
		}
	}
	for i, m := range r.Months {
		xLabel(&b, i, n, xOf(i), m.Period)
	}
	axes(&b)
	legend(&b, t)
	b.WriteString(`</svg>`)
	return b.String()
}

func openSVG(b *strings.Builder, title string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" font-family="sans-serif"><title>%s</title>`,
		chartW, chartH, esc(title), esc(title))
}

func axes(b *strings.Builder) {
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, padL, padT, padL, padT+plotH, strokeAxis)
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>`, padL, padT+plotH, padL+plotW, padT+plotH, strokeAxis)
}

// xLabel writes the month under bar or point i of n, thinning the labels
// so that at most maxXLabels show.
func xLabel(b *strings.Builder, i, n int, x float64, p shebao.Period) {
	every := max(labelEvery, (n+maxXLabels-1)/maxXLabels)
	if i%every != 0 && i != n-1 {
		return
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="%d">%s</text>`, x, padT+plotH+16, fontSize, p.String())
}

func legend(b *strings.Builder, t Translator) {
	x := padL
	for c, ch := range shebao.Channels {
		label := t("channel." + string(ch))
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`, x, legendY-10, ChannelColors[c%len(ChannelColors)])
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="%d">%s</text>`, x+16, legendY, fontSize+1, esc(label))
		x += 40 + 14*len([]rune(label))
	}
}

func maxTotal(r Report) int {
	m := 0
	for _, mo := range r.Months {
		m = max(m, mo.Total)
	}
	return m
}

// niceCeil rounds n up to a round number for the axis: 1, 2 or 5 times a
// power of ten, at least gridLines so that the grid's steps are whole.
func niceCeil(n int) int {
	if n <= gridLines {
		return gridLines
	}
	p := 1
	for p*10 < n {
		p *= 10
	}
	for _, f := range []int{1, 2, 4, 5, 10} {
		if f*p >= n && (f*p)%gridLines == 0 {
			return f * p
		}
	}
	return ((n + gridLines - 1) / gridLines) * gridLines
}

func esc(s string) string { return html.EscapeString(s) }
