package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Run serves the site on Options.Bind and Port and rebuilds it on changes
// until ctx is done (Ctrl-C); then it stops watching, ends the event
// streams, shuts the HTTP server down and returns nil. It calls Close.
func (s *Server) Run(ctx context.Context) error {
	defer s.Close()
	ln, err := Listen(s.opts.Bind, s.opts.Port, s.log)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// No WriteTimeout: event streams stay open.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	url := siteURL(ln.Addr())
	fmt.Fprintf(s.log, "folio: serving %s at %s (press Ctrl-C to stop)\n", s.source, url)
	if !isLoopback(s.opts.Bind) {
		fmt.Fprintf(s.log, "folio: listening on %s: other computers on the network can see this preview\n", s.opts.Bind)
	}
	if s.opts.OnListen != nil {
		s.opts.OnListen(url)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watched := make(chan error, 1)
	go func() { watched <- s.Watch(ctx) }()

	var serveErr, watchErr error
	watching := true
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	case watchErr = <-watched: // Close was called
		watching = false
	}
	cancel()
	// Event streams never go idle: end them first, or Shutdown would wait
	// for them until its deadline.
	s.hub.close()
	stop, cancelStop := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelStop()
	shutErr := srv.Shutdown(stop)
	if watching {
		watchErr = <-watched
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return errors.Join(shutErr, watchErr)
}

// maxTries is how many ports Listen tries from the one asked for.
const maxTries = 100

// Listen listens on bind:port. When the port is in use it takes the next
// free one and says so on w ("port 1313 is in use; serving on 1314
// instead"). Port 0 lets the system choose.
func Listen(bind string, port int, w io.Writer) (net.Listener, error) {
	for i := 0; i < maxTries; i++ {
		p := port + i
		if p > 65535 {
			break
		}
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			if i > 0 {
				fmt.Fprintf(w, "folio: port %d is in use; serving on %d instead\n", port, p)
			}
			return ln, nil
		}
		if port == 0 || !addrInUse(err) {
			return nil, fmt.Errorf("cannot listen on %s: %w", net.JoinHostPort(bind, strconv.Itoa(p)), err)
		}
	}
	return nil, fmt.Errorf("ports %d to %d are all in use; choose another with --port", port, min(port+maxTries-1, 65535))
}

func addrInUse(err error) bool {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno == syscall.EADDRINUSE || errno == 10048 // WSAEADDRINUSE on Windows
	}
	return false
}

// siteURL is the address to give a browser: a wildcard bind address is
// reachable as localhost.
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

func isLoopback(bind string) bool {
	if strings.EqualFold(bind, "localhost") {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}
