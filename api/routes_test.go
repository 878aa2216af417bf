package api

import (
	"testing"

	"shebao"
	"shebao/i18n"
)

// TestReasonsHaveMessages checks that every reason of the API layer has a
// message in the catalogue, in both languages.
func TestReasonsHaveMessages(t *testing.T) {
	reasons := []string{ReasonContentType, ReasonBodyTooLarge, ReasonJSONMalformed, ReasonJSONUnknown,
		ReasonJSONInteger, ReasonJSONString, ReasonJSONObject, ReasonJSONType, ReasonWageConflict,
		ReasonKeyMismatch, shebao.ReasonKeyReused, ReasonTerminal, ReasonBearerRequired, shebao.ReasonUnknownStatus}
	for _, r := range reasons {
		key := "reason." + r
		if !i18n.Has(key) {
			t.Errorf("no message for %s", key)
			continue
		}
		if i18n.T(i18n.ZH, key) == i18n.T(i18n.EN, key) {
			t.Errorf("%s is not translated", key)
		}
	}
}
