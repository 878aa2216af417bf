package i18n

// Messages of running several instances (docs/OPERATIONS.md).
func init() {
	add(
		[3]string{"reason.ASSESSMENT_RUNNING", "另一台服务器正在核定全区缴费，请稍后再试。", "Another server is assessing the district now. Please try again later."},
	)
}
