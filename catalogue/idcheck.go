package catalogue

import (
	"strings"

	"shebao"
	"shebao/rules"
)

// LegacyBring is what to bring to the counter for a person known only by a
// 15-digit legacy ID number (i18n keys, as on the business catalogue).
var LegacyBring = []string{"bring.id_original", "bring.police_cert", "bring.unit_letter", "bring.agent_id"}

// IDCheck is the answer to "check this ID number", the first step of every
// form that names a person: it tells at once, before the operator types
// the rest of the form, whether the number can be handled here.
type IDCheck struct {
	Number string // the normalised number, when OK
	OK     bool   // the number can be handled by self-service
	Legacy bool   // a 15-digit legacy number: the counter, with LegacyBring
	// From is the legacy 15-digit number typed at the counter, which Number
	// was converted from (rules.ParseIDNumberAt); forms carry it on, so
	// that the item states the conversion.
	From string
	Err  *shebao.Error // why the number cannot be used (set when !OK)
}

// CheckID checks an ID number as soon as it is typed on channel ch: empty
// → REQUIRED; a legacy 15-digit number → ID_LEGACY (the counter) except at
// the counter, which converts it; otherwise the message of
// rules.ParseIDNumber (length, characters, region, birth date, check
// character); a valid number is normalised.
func CheckID(s string, ch shebao.Channel, today shebao.Date) IDCheck {
	if strings.TrimSpace(s) == "" {
		return IDCheck{Err: shebao.AsError(shebao.Invalid("id_number", shebao.ReasonRequired))}
	}
	id, err := rules.ParseIDNumberAt(s, ch, today)
	if err != nil {
		e := shebao.AsError(err)
		return IDCheck{Err: e, Legacy: e.Reason == shebao.ReasonIDLegacy}
	}
	return IDCheck{Number: id.Number, OK: true, From: id.Legacy}
}
