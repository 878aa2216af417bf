package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"shebao"
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// Reasons of the password policy, with messages in package i18n (security.go).
const (
	ReasonPasswordClasses  = "PASSWORD_CLASSES"  // fewer than three of lower, upper, digit, symbol
	ReasonPasswordUsername = "PASSWORD_USERNAME" // contains the username
	ReasonPasswordCommon   = "PASSWORD_COMMON"   // on the list of common passwords
	ReasonPasswordReused   = "PASSWORD_REUSED"   // one of the last five; args: 5
)

// historyLen is how many of an account's passwords a new one must differ
// from: the current one and the four before it.
const historyLen = 5

//go:embed common_passwords.txt
var commonList string

// common holds the common passwords, lower-cased.
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[strings.ToLower(l)] = true
		}
	}
	return m
}()

// CheckPassword applies the password policy to a new password of username:
// at least MinPasswordLen characters and at most 72 bytes (bcrypt's limit),
// three of the four classes (lower case, upper case, digits, symbols), not
// containing the username and not a common password (compared without
// case). Errors: EINVALID for new_password. The history is checked by
// ChangePassword, which has the stored hashes.
func CheckPassword(pw, username string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen || len(pw) > 72 {
		return shebao.Invalid("new_password", shebao.ReasonPasswordWeak, "8")
	}
	var lower, upper, digit, symbol int
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			symbol = 1
		}
	}
	if lower+upper+digit+symbol < 3 {
		return shebao.Invalid("new_password", ReasonPasswordClasses)
	}
	lpw := strings.ToLower(pw)
	if u := strings.ToLower(strings.TrimSpace(username)); len(u) >= 3 && strings.Contains(lpw, u) {
		return shebao.Invalid("new_password", ReasonPasswordUsername)
	}
	if common[lpw] {
		return shebao.Invalid("new_password", ReasonPasswordCommon)
	}
	return nil
}
