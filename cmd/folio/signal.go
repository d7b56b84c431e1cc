package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is why a command's context is done when the user pressed
// Ctrl-C or the system asked folio to stop (SIGTERM: a cancelled CI job).
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted (" + i.sig.String() + ")" }

// exitCode is what a shell reports for a process a signal ended: 128 plus
// the signal's number (130 for Ctrl-C, 143 for SIGTERM).
func (i interrupted) exitCode() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// withSignals returns a context that the first Ctrl-C (SIGINT) or SIGTERM
// cancels, with an interrupted cause, and calls onSignal. Those signals
// then have their usual effect again, so a second Ctrl-C ends folio at
// once. stop releases the signals.
func withSignals(onSignal func()) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(interrupted{s})
			if onSignal != nil {
				onSignal()
			}
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}
