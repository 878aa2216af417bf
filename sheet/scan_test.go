package sheet

import (
	"strings"
	"testing"

	"shebao"
)

func TestScanXML(t *testing.T) {
	l := Default.with()
	l.Token, l.Row = 100, 400
	for xml, want := range map[string]string{
		`<a><b x="1">text</b></a>`:                                        "",
		`<a>` + strings.Repeat(" ", 101) + `</a>`:                         ReasonUnpacked,
		`<a x="` + strings.Repeat(">", 101) + `"/>`:                       ReasonUnpacked,
		`<!--` + strings.Repeat("<", 101) + `-->`:                         ReasonUnpacked,
		`<![CDATA[` + strings.Repeat("<>", 60) + `]]>`:                    ReasonUnpacked,
		`<c r="A1">` + strings.Repeat("<x/>", 30) + `</c>`:                ReasonUnpacked,
		`<row>` + strings.Repeat(`<c r="A1"><v>1</v></c>`, 20) + `</row>`: ReasonUnpacked,
		`<!DOCTYPE x [<!ENTITY a "b">]><x/>`:                              ReasonUnreadable,
		`<a>` + strings.Repeat("<x/>", 1000) + `</a>`:                     "",
	} {
		err := scanXML(strings.NewReader(xml), l)
		if got := reasonOf(err); got != want {
			t.Errorf("scanXML(%.40q…) = %v, want %q", xml, err, want)
		}
	}
}

func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	return shebao.AsError(err).Reason
}

func TestText(t *testing.T) {
	for in, want := range map[string]string{"张伟": "张伟", "=1+2": "'=1+2", "@SUM(A1)": "'@SUM(A1)", "-3": "'-3",
		"+86 10": "'+86 10", "\t=cmd": "'\t=cmd", " =HYPERLINK(\"http://x\")": "' =HYPERLINK(\"http://x\")", "": "", "a=b": "a=b"} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzScanXML: the scan of a part never panics, and a part it accepts has
// no text run longer than the token limit.
func FuzzScanXML(f *testing.F) {
	for _, s := range []string{`<a><b x="1">t</b></a>`, `<!-- c --><?pi x?><![CDATA[<>]]>`, `<a x='>'/>`, `<row><c r="A1"/></row>`, `<`, `<!DOCTYPE`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, xml string) {
		l := Default.with()
		l.Token, l.Row = 16, 64
		if err := scanXML(strings.NewReader(xml), l); err == nil {
			for _, run := range strings.Split(xml, "<") {
				if _, text, ok := strings.Cut(run, ">"); ok && len(text) > l.Token {
					t.Fatalf("accepted a text run of %d bytes", len(text))
				}
			}
		}
	})
}

// FuzzText: an exported cell never starts a formula.
func FuzzText(f *testing.F) {
	for _, s := range []string{"=1+2", "@x", " -3", "\t=x", "张三"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := strings.TrimLeft(Text(s), " \t\r\n")
		if out != "" && strings.ContainsRune("=+-@", rune(out[0])) {
			t.Fatalf("Text(%q) = %q starts a formula", s, Text(s))
		}
	})
}
