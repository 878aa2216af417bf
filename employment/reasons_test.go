package employment_test

import (
	"testing"

	"shebao/employment"
	"shebao/i18n"
)

// TestReasonsHaveMessages checks that every reason of the package and every
// column has a message in both languages.
func TestReasonsHaveMessages(t *testing.T) {
	keys := []string{}
	for _, r := range []string{employment.ReasonUnavailable, employment.ReasonTokenRejected, employment.ReasonAPIOff,
		employment.ReasonFileFormat, employment.ReasonFileUnreadable, employment.ReasonMissingColumn, employment.ReasonNoRows,
		employment.ReasonTooManyRows, employment.ReasonDuplicate, employment.ReasonDuplicateDiffer, employment.ReasonConflict,
		employment.ReasonUnitUnknown, employment.ReasonEndBeforeStart, employment.ReasonRegisteredLater,
		employment.ReasonSourceIDChars, employment.ReasonNameChars} {
		keys = append(keys, "reason."+r)
	}
	for _, c := range employment.Columns {
		keys = append(keys, "employment.col."+c)
	}
	for _, ch := range []string{"file", "api"} {
		keys = append(keys, "employment.channel."+ch)
	}
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("no message for %s", k)
		} else if i18n.T(i18n.ZH, k) == i18n.T(i18n.EN, k) {
			t.Errorf("%s is not translated", k)
		}
	}
}
