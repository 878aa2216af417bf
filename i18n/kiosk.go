package i18n

// Messages of the kiosk in the hall, the receipt, the previews that say a
// refusal first and the batch dry run (package web).
func init() {
	add(
		[3]string{"kiosk.idle_warning", "长时间无操作，本机将在", "Nobody has used this terminal for a while: it logs out in"},
		[3]string{"kiosk.idle_seconds", "秒后自动退出。", "seconds."},
		[3]string{"kiosk.continue", "继续办理", "Continue"},
	)
}
