package i18n

// Messages of stop 9's gaps (docs/RULES.md): legacy ID numbers converted in
// a clerk's imports, stored floating injury rates outside new grades, the
// amount of a back-pay recorded paid by hand, the late-enrollment filter.
func init() {
	add(
		[3]string{"employment.conversions", "15 位旧身份证号码已升位的行（%s）", "Rows with a legacy 15-digit ID number converted (%s)"},
	)
}
