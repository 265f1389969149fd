package deploy

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// VersityVersion is the S3 server the tests run: versitygw, a real S3 gateway, with its
// posix backend in a temporary folder. .ci/setup builds it from the Go module proxy into
// versityPath; keep the two versions the same.
const VersityVersion = "v1.8.0"

// The root user of the test server: these are the credentials of a server that the test
// starts on 127.0.0.1 and throws away, not secrets.
const (
	testAccess = "guidepost-test"
	testSecret = "guidepost-test-secret"
)

// versityPath returns where .ci/setup puts the versitygw binary: $GUIDEPOST_VERSITYGW
// when set, else the user's cache folder.
func versityPath(t *testing.T) string {
	if p := os.Getenv("GUIDEPOST_VERSITYGW"); p != "" {
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatalf("no cache folder for versitygw: %v", err)
	}
	return filepath.Join(cache, "guidepost", "versitygw-"+VersityVersion, "versitygw")
}

// startS3 starts versitygw on a free port of 127.0.0.1 with an empty posix backend, waits
// until it answers, and returns its endpoint (http://127.0.0.1:PORT). The server stops
// when the test ends. The test's environment gets the server's credentials, and no AWS
// configuration of the machine's user.
func startS3(t *testing.T) string {
	t.Helper()
	bin := versityPath(t)
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("versitygw %s is not installed: run `make setup` (%v)", VersityVersion, err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	root := t.TempDir()
	var logs strings.Builder
	cmd := exec.Command(bin, "--access", testAccess, "--secret", testSecret, "--port", addr, "--quiet", "posix", root)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start versitygw: %v", err)
	}
	var exited atomic.Bool
	done := make(chan struct{})
	go func() { cmd.Wait(); exited.Store(true); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
	})
	for deadline := time.Now().Add(30 * time.Second); ; {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if exited.Load() || time.Now().After(deadline) {
			t.Fatalf("versitygw did not start on %s: %v\n%s", addr, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}

	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": testAccess, "AWS_SECRET_ACCESS_KEY": testSecret, "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_CONFIG_FILE": filepath.Join(root, "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(root, "none"),
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "", "AWS_DEFAULT_REGION": "",
	} {
		t.Setenv(k, v)
	}
	return "http://" + addr
}

// s3URL is the target URL of bucket on the server at endpoint.
func s3URL(endpoint, bucket string) string {
	return fmt.Sprintf("s3://%s?endpoint=%s&region=us-east-1&use_path_style=true&disable_https=true", bucket, endpoint)
}

// createBucket creates a bucket on the server at endpoint, as a publisher would in the
// provider's console.
func createBucket(t *testing.T, endpoint, name string) {
	t.Helper()
	client := s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(testAccess, testSecret, ""),
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// TestDeployToS3 runs the suite against a real S3 server, then the failures that must stop
// a deploy before it changes anything.
func TestDeployToS3(t *testing.T) {
	endpoint := startS3(t)
	var n atomic.Int32
	suite(t, func(t *testing.T) string {
		name := fmt.Sprintf("site-%d", n.Add(1))
		createBucket(t, endpoint, name)
		return s3URL(endpoint, name)
	})

	src, out := t.TempDir(), t.TempDir()
	writeSite(t, src, 2)
	buildSite(t, src, out, false)
	createBucket(t, endpoint, "kept")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	for _, tt := range []struct {
		name, target, want string
		env                map[string]string
	}{
		{"a missing bucket", s3URL(endpoint, "no-such-bucket"), "the bucket does not exist", nil},
		{"wrong credentials", s3URL(endpoint, "kept"), "the credentials were refused", map[string]string{"AWS_SECRET_ACCESS_KEY": "wrong-secret"}},
		{"an unknown access key", s3URL(endpoint, "kept"), "the credentials were refused", map[string]string{"AWS_ACCESS_KEY_ID": "nobody"}},
		{"an unreachable endpoint", s3URL(closed, "kept"), "cannot reach the target", nil},
		{"no credentials", s3URL(endpoint, "kept"), "no credentials found", map[string]string{"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			bucket := open(t, tt.target)
			sum, err := Deploy(ctx, bucket, os.DirFS(out), Options{MaxDeletes: DefaultMaxDeletes})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("deploy: %v, want an error starting %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), testSecret) || strings.Contains(err.Error(), "wrong-secret") {
				t.Errorf("the error is not one line free of secrets: %q", err)
			}
			if sum.Uploaded != 0 || sum.Deleted != 0 {
				t.Errorf("deploy changed things before failing: %+v", sum)
			}
		})
	}
}
