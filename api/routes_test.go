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

// TestTwinFieldsHaveLabels checks that every JSON field the twins of the
// pages may name in an error has a label in both languages, so that the
// message says which field is at fault.
func TestTwinFieldsHaveLabels(t *testing.T) {
	fields := []string{"approve", "reason", "contact", "phone", "address", "bank_account", "name", "credit_code",
		"legal_rep", "new_id_number", "post_category", "kind", "id_number", "wage", "documents", "remark", "type"}
	for _, f := range fields {
		key := "field." + f
		if !i18n.Has(key) {
			t.Errorf("no label for %s", key)
		} else if i18n.T(i18n.ZH, key) == i18n.T(i18n.EN, key) {
			t.Errorf("%s is not translated", key)
		}
	}
}
