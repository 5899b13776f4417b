// Clocks and sleeping; prints checks and the formatting of fixed epochs, never a current time.
#define _GNU_SOURCE  // strptime, timegm
#include <stdio.h>
#include <string.h>
#include <time.h>

static long long ns(struct timespec t) {
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
  struct timespec a, b, r;
  int ok = clock_gettime(CLOCK_MONOTONIC, &a) == 0;
  struct timespec req = {0, 1000000};  // 1 ms
  ok &= nanosleep(&req, NULL) == 0;
  ok &= clock_gettime(CLOCK_MONOTONIC, &b) == 0;
  printf("monotonic calls ok=%d\n", ok);
  printf("nanosleep(1ms) elapsed >= 1ms: %d\n", ns(b) - ns(a) >= 1000000);
  printf("monotonic nondecreasing over 1000 reads: ");
  int mono = 1;
  for (int i = 0; i < 1000; ++i) {
    clock_gettime(CLOCK_MONOTONIC, &r);
    mono &= ns(r) >= ns(b);
    b = r;
  }
  printf("%d\n", mono);
  printf("clock_getres(MONOTONIC) ok and <= 1ms: %d\n",
         clock_getres(CLOCK_MONOTONIC, &r) == 0 && ns(r) > 0 && ns(r) <= 1000000);

  time_t now = time(NULL);
  struct timespec rt;
  clock_gettime(CLOCK_REALTIME, &rt);
  // After 2023-01-01 and before 2100, and agreeing with CLOCK_REALTIME to within a few seconds.
  printf("time() plausible: %d\n", now > 1672531200 && now < 4102444800);
  printf("time() ~ CLOCK_REALTIME: %d\n", rt.tv_sec - now >= -2 && rt.tv_sec - now <= 5);

  const time_t epochs[] = {0, 951782400 /* 2000-02-29 */, 1234567890, 2147483647, 4102444799};
  for (size_t i = 0; i < sizeof epochs / sizeof epochs[0]; ++i) {
    struct tm tm;
    gmtime_r(&epochs[i], &tm);
    char buf[128];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j %U %Z", &tm);
    printf("%lld -> %s wday=%d yday=%d timegm=%lld\n", (long long)epochs[i], buf, tm.tm_wday,
           tm.tm_yday, (long long)timegm(&tm));
  }
  struct tm parsed;
  memset(&parsed, 0, sizeof parsed);
  strptime("2024-12-31 23:59:58", "%Y-%m-%d %H:%M:%S", &parsed);
  printf("strptime+timegm=%lld\n", (long long)timegm(&parsed));
  return 0;
}
