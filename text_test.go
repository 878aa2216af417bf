package shebao

import "testing"

func TestCheckText(t *testing.T) {
	for s, want := range map[string]string{"张三": "", "O'Brien-Smith": "", "a\x00b": ReasonTextControl, "\x1b[31m": ReasonTextControl,
		"\a": ReasonTextControl, "\u202eabc": ReasonTextControl, "\u2066x": ReasonTextControl, "x\ny": ReasonTextControl,
		"\xff": ReasonTextEncoding, "\u0085": ReasonTextControl} {
		err := CheckText("f", s, false)
		if got := reasonOf(err); got != want {
			t.Errorf("CheckText(%q) = %v, want %q", s, err, want)
		}
	}
	if err := CheckText("remark", "第一行\r\n第二行\t完", true); err != nil {
		t.Errorf("multiline text refused: %v", err)
	}
	if err := CheckText("f", "\x1b", false); AsError(err).Field != "f" || AsError(err).Args[0] != "U+001B" {
		t.Errorf("error %+v", err)
	}
}

func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	return AsError(err).Reason
}
