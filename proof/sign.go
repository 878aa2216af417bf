package proof

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"shebao"
)

// ContentVersion is the version of the canonical serialisation. A change of
// Content's fields or their order is a new version; proofs keep theirs.
// Version 2: a unit's Row counts the persons insured in AsOf
// (persons_as_of), where version 1 counted those insured on the day of
// issue (persons).
const ContentVersion = 2

// Content is what a proof of insurance states. Its canonical serialisation
// (Canonical) is what the server signs: encoding/json of this struct, whose
// fields are written in declaration order, with no maps, no floats and no
// indentation, so that the same content always gives the same bytes.
type Content struct {
	Version    int              `json:"v"`
	Kind       shebao.ProofKind `json:"kind"`
	Serial     string           `json:"serial"`    // random, so that two proofs of the same facts differ
	IssuedAt   string           `json:"issued_at"` // RFC 3339, UTC, seconds
	AsOf       string           `json:"as_of"`     // months are counted through this period (YYYY-MM)
	UnitName   string           `json:"unit_name"`
	CreditCode string           `json:"credit_code"`
	PersonName string           `json:"person_name,omitempty"`
	IDNumber   string           `json:"id_number,omitempty"`
	Rows       []Row            `json:"rows"`
	Totals     []Total          `json:"totals"`
}

// Row is one line of the contribution history. For a person: one coverage
// (a unit and an insurance type from a month to a month, To empty while it
// runs). For a unit: one insurance type, from the unit's first insured
// month, with the persons insured in AsOf and the person-months to AsOf.
type Row struct {
	Unit      string           `json:"unit"`
	Insurance shebao.Insurance `json:"insurance"`
	From      string           `json:"from"`
	To        string           `json:"to"`
	Months    int              `json:"months"`
	Persons   int              `json:"persons_as_of,omitempty"` // a unit's: insured in AsOf
}

// Total is the number of distinct months (a person) or person-months (a
// unit) of one insurance type.
type Total struct {
	Insurance shebao.Insurance `json:"insurance"`
	Months    int              `json:"months"`
}

// Canonical returns the bytes that are signed.
func Canonical(c Content) []byte {
	b, err := json.Marshal(c)
	if err != nil {
		panic("proof: marshal content: " + err.Error()) // plain strings and ints always marshal
	}
	return b
}

// Decode reads stored canonical content.
func Decode(s string) (Content, error) {
	var c Content
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return c, fmt.Errorf("proof: decode content: %w", err)
	}
	return c, nil
}

// Sign returns the hex HMAC-SHA256 of canonical content under key.
func Sign(key, canonical []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(canonical)
	return hex.EncodeToString(m.Sum(nil))
}

// codeAlphabet is Crockford's base 32: no I, L, O or U, so that a code read
// from paper is typed right.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

var codeEncoding = base32.NewEncoding(codeAlphabet).WithPadding(base32.NoPadding)

// CodeOf returns the verification code of a signature: its first 100 bits
// in Crockford base 32, as five groups of four (XXXX-XXXX-XXXX-XXXX-XXXX).
// The code is both the key to look the proof up and a MAC of its content:
// changing one character of it finds nothing.
func CodeOf(signature string) string {
	raw, err := hex.DecodeString(signature)
	if err != nil || len(raw) < 13 {
		return ""
	}
	s := codeEncoding.EncodeToString(raw[:13])[:20]
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20]
}

// NormalizeCode puts a typed code in canonical form: upper case, without
// spaces and dashes, O read as 0 and I or L as 1, regrouped by four. It
// returns "" for anything that is not 20 code characters.
func NormalizeCode(s string) string {
	s = strings.ToUpper(s)
	s = strings.NewReplacer(" ", "", "-", "", "O", "0", "I", "1", "L", "1").Replace(s)
	if len(s) != 20 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(codeAlphabet, rune(s[i])) {
			return ""
		}
	}
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20]
}

// Check reports whether a stored proof is intact under key: its signature
// is the HMAC of its content, and its code is the signature's.
func Check(key []byte, p shebao.Proof) bool {
	want := Sign(key, []byte(p.Content))
	return hmac.Equal([]byte(want), []byte(p.Signature)) && CodeOf(want) == p.Code
}
