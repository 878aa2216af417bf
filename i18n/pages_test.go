package i18n

import (
	"strings"
	"testing"
)

// TestCatalogueComplete checks that every key has a message in every
// language, with the same placeholders, so that zh and en key sets match.
func TestCatalogueComplete(t *testing.T) {
	for key, msgs := range catalogue {
		if len(msgs) != len(Langs) {
			t.Errorf("%s: %d languages, want %d", key, len(msgs), len(Langs))
		}
		for _, lang := range Langs {
			if strings.TrimSpace(msgs[lang]) == "" {
				t.Errorf("%s: no %s message", key, lang)
			}
		}
		if zh, en := strings.Count(msgs[ZH], "%s"), strings.Count(msgs[EN], "%s"); zh != en {
			t.Errorf("%s: zh has %d placeholders, en %d", key, zh, en)
		}
	}
}

func TestTFallsBack(t *testing.T) {
	if got := T(EN, "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key shows %q", got)
	}
	if got := T(ZH, "layout.terminal", "HALL-01"); got != "终端 HALL-01" {
		t.Errorf("args: %q", got)
	}
}
