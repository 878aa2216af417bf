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
