package sheet

import "strings"

// Text is the one guard for a cell of user text in every export, CSV or
// workbook: a value that a spreadsheet program would read as a formula
// (starting with = + - @, or with a tab, carriage return or line feed
// before one) is prefixed with an apostrophe, so that it is shown as the
// text it is and never evaluated (OWASP "CSV injection").
func Text(s string) string {
	t := strings.TrimLeft(s, " \t\r\n")
	if t != "" && strings.ContainsRune("=+-@", rune(t[0])) || s != "" && strings.ContainsRune("\t\r\n", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Texts applies Text to every cell of a row.
func Texts(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = Text(c)
	}
	return out
}
