// The calls syscall_fuzz.c never makes, grouped by why. Each is guarded because the guests'
// ABIs differ in which calls exist (fork, alarm, iopl... are x86-64's own).
// No include guard: included once, inside an array initialiser.
    // end or replace the process, or take its memory away (the guest would die of it, not xisa)
#ifdef SYS_exit
    SYS_exit,
#endif
#ifdef SYS_exit_group
    SYS_exit_group,
#endif
#ifdef SYS_execve
    SYS_execve,
#endif
#ifdef SYS_execveat
    SYS_execveat,
#endif
#ifdef SYS_fork
    SYS_fork,
#endif
#ifdef SYS_vfork
    SYS_vfork,
#endif
#ifdef SYS_clone
    SYS_clone,
#endif
#ifdef SYS_clone3
    SYS_clone3,
#endif
#ifdef SYS_rt_sigreturn
    SYS_rt_sigreturn,
#endif
#ifdef SYS_mmap
    SYS_mmap,
#endif
#ifdef SYS_munmap
    SYS_munmap,
#endif
#ifdef SYS_mremap
    SYS_mremap,
#endif
#ifdef SYS_mprotect
    SYS_mprotect,
#endif
#ifdef SYS_pkey_mprotect
    SYS_pkey_mprotect,
#endif
#ifdef SYS_madvise
    SYS_madvise,
#endif
#ifdef SYS_process_madvise
    SYS_process_madvise,
#endif
#ifdef SYS_brk
    SYS_brk,
#endif
#ifdef SYS_shmat
    SYS_shmat,
#endif
#ifdef SYS_shmdt
    SYS_shmdt,
#endif
#ifdef SYS_remap_file_pages
    SYS_remap_file_pages,
#endif
#ifdef SYS_mseal
    SYS_mseal,
#endif
#ifdef SYS_arch_prctl
    SYS_arch_prctl,
#endif
#ifdef SYS_prctl
    SYS_prctl,
#endif
#ifdef SYS_seccomp
    SYS_seccomp,
#endif
#ifdef SYS_rt_sigaction
    SYS_rt_sigaction,
#endif
#ifdef SYS_sigaltstack
    SYS_sigaltstack,
#endif
#ifdef SYS_setitimer
    SYS_setitimer,
#endif
#ifdef SYS_alarm
    SYS_alarm,
#endif
#ifdef SYS_timer_create
    SYS_timer_create,
#endif
#ifdef SYS_timer_settime
    SYS_timer_settime,
#endif
    // signal other processes, or this one with a random signal (uretprobe: SIGILL unless called
    // from the kernel's trampoline)
#ifdef SYS_uretprobe
    SYS_uretprobe,
#endif
#if defined(__x86_64__) && !defined(SYS_uretprobe)
    335,  // x86-64's uretprobe, missing from older headers; numbered for the native reference
#endif
#ifdef SYS_kill
    SYS_kill,
#endif
#ifdef SYS_tkill
    SYS_tkill,
#endif
#ifdef SYS_tgkill
    SYS_tgkill,
#endif
#ifdef SYS_rt_sigqueueinfo
    SYS_rt_sigqueueinfo,
#endif
#ifdef SYS_rt_tgsigqueueinfo
    SYS_rt_tgsigqueueinfo,
#endif
#ifdef SYS_pidfd_send_signal
    SYS_pidfd_send_signal,
#endif
#ifdef SYS_pidfd_getfd
    SYS_pidfd_getfd,
#endif
    // as root, change the machine or other processes
#ifdef SYS_reboot
    SYS_reboot,
#endif
#ifdef SYS_kexec_load
    SYS_kexec_load,
#endif
#ifdef SYS_kexec_file_load
    SYS_kexec_file_load,
#endif
#ifdef SYS_init_module
    SYS_init_module,
#endif
#ifdef SYS_finit_module
    SYS_finit_module,
#endif
#ifdef SYS_delete_module
    SYS_delete_module,
#endif
#ifdef SYS_mount
    SYS_mount,
#endif
#ifdef SYS_umount2
    SYS_umount2,
#endif
#ifdef SYS_pivot_root
    SYS_pivot_root,
#endif
#ifdef SYS_chroot
    SYS_chroot,
#endif
#ifdef SYS_swapon
    SYS_swapon,
#endif
#ifdef SYS_swapoff
    SYS_swapoff,
#endif
#ifdef SYS_sethostname
    SYS_sethostname,
#endif
#ifdef SYS_setdomainname
    SYS_setdomainname,
#endif
#ifdef SYS_settimeofday
    SYS_settimeofday,
#endif
#ifdef SYS_clock_settime
    SYS_clock_settime,
#endif
#ifdef SYS_adjtimex
    SYS_adjtimex,
#endif
#ifdef SYS_clock_adjtime
    SYS_clock_adjtime,
#endif
#ifdef SYS_acct
    SYS_acct,
#endif
#ifdef SYS_quotactl
    SYS_quotactl,
#endif
#ifdef SYS_quotactl_fd
    SYS_quotactl_fd,
#endif
#ifdef SYS_syslog
    SYS_syslog,
#endif
#ifdef SYS_vhangup
    SYS_vhangup,
#endif
#ifdef SYS_iopl
    SYS_iopl,
#endif
#ifdef SYS_ioperm
    SYS_ioperm,
#endif
#ifdef SYS_ptrace
    SYS_ptrace,
#endif
#ifdef SYS_process_vm_readv
    SYS_process_vm_readv,
#endif
#ifdef SYS_process_vm_writev
    SYS_process_vm_writev,
#endif
#ifdef SYS_setpriority
    SYS_setpriority,
#endif
#ifdef SYS_ioprio_set
    SYS_ioprio_set,
#endif
#ifdef SYS_sched_setaffinity
    SYS_sched_setaffinity,
#endif
#ifdef SYS_sched_setparam
    SYS_sched_setparam,
#endif
#ifdef SYS_sched_setscheduler
    SYS_sched_setscheduler,
#endif
#ifdef SYS_sched_setattr
    SYS_sched_setattr,
#endif
#ifdef SYS_prlimit64
    SYS_prlimit64,
#endif
#ifdef SYS_setrlimit
    SYS_setrlimit,
#endif
#ifdef SYS_migrate_pages
    SYS_migrate_pages,
#endif
#ifdef SYS_move_pages
    SYS_move_pages,
#endif
#ifdef SYS_mbind
    SYS_mbind,
#endif
#ifdef SYS_set_mempolicy
    SYS_set_mempolicy,
#endif
#ifdef SYS_bpf
    SYS_bpf,
#endif
#ifdef SYS_perf_event_open
    SYS_perf_event_open,
#endif
#ifdef SYS_fanotify_init
    SYS_fanotify_init,
#endif
#ifdef SYS_fanotify_mark
    SYS_fanotify_mark,
#endif
#ifdef SYS_open_by_handle_at
    SYS_open_by_handle_at,
#endif
#ifdef SYS_keyctl
    SYS_keyctl,
#endif
#ifdef SYS_add_key
    SYS_add_key,
#endif
#ifdef SYS_request_key
    SYS_request_key,
#endif
#ifdef SYS_unshare
    SYS_unshare,
#endif
#ifdef SYS_setns
    SYS_setns,
#endif
#ifdef SYS_fsopen
    SYS_fsopen,
#endif
#ifdef SYS_fsmount
    SYS_fsmount,
#endif
#ifdef SYS_fsconfig
    SYS_fsconfig,
#endif
#ifdef SYS_fspick
    SYS_fspick,
#endif
#ifdef SYS_move_mount
    SYS_move_mount,
#endif
#ifdef SYS_open_tree
    SYS_open_tree,
#endif
#ifdef SYS_mount_setattr
    SYS_mount_setattr,
#endif
#ifdef SYS_open_tree_attr
    SYS_open_tree_attr,
#endif
    // drop this process's privileges (later cleanup would fail)
#ifdef SYS_setuid
    SYS_setuid,
#endif
#ifdef SYS_setgid
    SYS_setgid,
#endif
#ifdef SYS_setreuid
    SYS_setreuid,
#endif
#ifdef SYS_setregid
    SYS_setregid,
#endif
#ifdef SYS_setresuid
    SYS_setresuid,
#endif
#ifdef SYS_setresgid
    SYS_setresgid,
#endif
#ifdef SYS_setfsuid
    SYS_setfsuid,
#endif
#ifdef SYS_setfsgid
    SYS_setfsgid,
#endif
#ifdef SYS_setgroups
    SYS_setgroups,
#endif
#ifdef SYS_capset
    SYS_capset,
#endif
    // make system-wide objects that outlive the test
#ifdef SYS_msgget
    SYS_msgget,
#endif
#ifdef SYS_semget
    SYS_semget,
#endif
#ifdef SYS_shmget
    SYS_shmget,
#endif
#ifdef SYS_mq_open
    SYS_mq_open,
#endif
#ifdef SYS_mq_unlink
    SYS_mq_unlink,
#endif
    // wait with a signal mask of their own, which may block the SIGALRM that ends the wait
#ifdef SYS_rt_sigsuspend
    SYS_rt_sigsuspend,
#endif
#ifdef SYS_ppoll
    SYS_ppoll,
#endif
#ifdef SYS_pselect6
    SYS_pselect6,
#endif
#ifdef SYS_epoll_pwait
    SYS_epoll_pwait,
#endif
#ifdef SYS_epoll_pwait2
    SYS_epoll_pwait2,
#endif
#ifdef SYS_io_pgetevents
    SYS_io_pgetevents,
#endif
    // populate or pin all of the process's memory
#ifdef SYS_mlockall
    SYS_mlockall,
#endif
    // close the report descriptor
#ifdef SYS_close_range
    SYS_close_range,
#endif
    // reach the network or another process's fds
#ifdef SYS_connect
    SYS_connect,
#endif
#ifdef SYS_sendto
    SYS_sendto,
#endif
#ifdef SYS_sendmsg
    SYS_sendmsg,
#endif
#ifdef SYS_sendmmsg
    SYS_sendmmsg,
#endif
#ifdef SYS_bind
    SYS_bind,
#endif
#ifdef SYS_fcntl
    SYS_fcntl,
#endif
    // slow for the whole machine
#ifdef SYS_sync
    SYS_sync,
#endif
#ifdef SYS_syncfs
    SYS_syncfs,
#endif
