# shell.s: `-append shell`, a small console shell on kernel_init for a
# person at the terminal. Commands:
#   cpus        each CPU: online/active, hart, running task, hotplug state
#   down N      cpu_down(N)
#   up N        cpu_up(N)
#   stop        a stop_machine whose fn reports every CPU (as demo step 1)
#   ipi N       smp_call_function_single(N, hello, wait=1)
#   poweroff    shut down (SBI SRST)
# Input is polled through SBI (DBCN console_read or the legacy getchar);
# between polls the shell sleeps, so the CPU stays available.

.include "kernel.inc"

.equ LINE_MAX, 64

.section .text
ENTRY shell_main
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	la a0, msg_shell_intro
	call printk
.Lshell_prompt:
	la a0, str_prompt
	call console_puts
	call shell_readline
	la s0, shell_line
	mv a0, s0
	call shell_skip_spaces
	mv s0, a0
	lbu t0, 0(s0)
	beqz t0, .Lshell_prompt
	# Dispatch on the command word: a table of (name, handler) pairs, so
	# a command is added in one place. Handlers get the rest of the line.
	la s1, shell_commands
1:	ld a1, 0(s1)
	beqz a1, 3f
	mv a0, s0
	call shell_word_is
	bnez a0, 2f
	addi s1, s1, 16
	j 1b
2:	mv a0, a1                   # the arguments
	ld t0, 8(s1)
	jalr t0
	bnez a0, 9f                 # poweroff
	j .Lshell_prompt
3:	la a0, msg_unknown
	mv a1, s0
	call printk
	j .Lshell_prompt
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret
END shell_main

# shell_word_is(line, word) -> a0 = 1 if line starts with word followed by
# a space or the end; a1 = the rest, spaces skipped.
shell_word_is:
	mv t0, a0
1:	lbu t1, 0(a1)
	beqz t1, 2f
	lbu t2, 0(t0)
	bne t1, t2, 4f
	addi t0, t0, 1
	addi a1, a1, 1
	j 1b
2:	lbu t2, 0(t0)
	beqz t2, 3f
	li t1, ' '
	bne t2, t1, 4f
3:	frame 1
	mv a0, t0
	call shell_skip_spaces
	mv a1, a0
	li a0, 1
	unframe 1
	ret
4:	li a0, 0
	ret

shell_skip_spaces:
1:	lbu t0, 0(a0)
	li t1, ' '
	bne t0, t1, 2f
	addi a0, a0, 1
	j 1b
2:	ret

# shell_cpu_arg(args) -> a0 = the CPU number, or -1 after a message.
shell_cpu_arg:
	frame 2
	sd a0, 8(sp)
	call simple_strtoul
	ld t0, 8(sp)
	beq a1, t0, 1f              # no digits
	lbu t1, 0(a1)
	bnez t1, 1f                 # trailing junk
	unframe 2
	ret
1:	la a0, msg_need_cpu
	call printk
	li a0, -1
	unframe 2
	ret

# shell_readline: read into shell_line with echo, until Enter.
shell_readline:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	li s0, 0                    # length
	# There is no console interrupt: poll the firmware, and between polls
	# let the CPU run everything else (a person types slowly).
1:	call sbi_console_getchar
	bgez a0, 2f
	li a0, 10000                # nothing yet: sleep 10 ms
	call msleep_us
	j 1b
2:	li t0, '\r'
	beq a0, t0, 5f
	li t0, '\n'
	beq a0, t0, 5f
	li t0, 0x7f                 # backspace (DEL or BS)
	beq a0, t0, 3f
	li t0, 0x08
	beq a0, t0, 3f
	li t0, ' '
	bltu a0, t0, 1b             # other control characters: ignored
	li t0, LINE_MAX - 1
	bgeu s0, t0, 1b
	la t0, shell_line
	add t0, t0, s0
	sb a0, 0(t0)
	addi s0, s0, 1
	call console_putc
	j 1b
	# Backspace: forget the last byte and erase it on the terminal.
3:	beqz s0, 1b
	addi s0, s0, -1
	la a0, str_rubout
	call console_puts
	j 1b
5:	la t0, shell_line
	add t0, t0, s0
	sb zero, 0(t0)
	la a0, str_newline
	call console_puts
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

# --- commands: cmd(args) -> a0 = 1 to leave the shell --------------------

shell_cmd_help:
	frame 1
	la a0, msg_help
	call printk
	li a0, 0
	unframe 1
	ret

shell_cmd_cpus:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	li s0, 0
1:	ld t0, nr_cpu_ids
	bgeu s0, t0, 2f
	per_cpu_ptr t1, s0
	ld t2, cpu_online_mask
	cpu_bit a2, t2, s0
	ld t2, cpu_active_mask
	cpu_bit a3, t2, s0
	ld a4, PCPU_HARTID(t1)
	ld a5, PCPU_CURRENT(t1)
	addi a5, a5, TASK_NAME
	ld a6, PCPU_CPUHP_STATE(t1)
	ld a7, PCPU_NR_SWITCHES(t1)
	la a0, fmt_cpu_line
	mv a1, s0
	call printk
	addi s0, s0, 1
	j 1b
2:	li a0, 0
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

shell_cmd_down:
	la a1, cpu_down
	la a2, str_down
	j shell_hotplug
shell_cmd_up:
	la a1, cpu_up
	la a2, str_up
shell_hotplug:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd a1, 16(sp)
	sd a2, 24(sp)
	call shell_cpu_arg
	bltz a0, 1f
	mv s0, a0
	# Show each hotplug step as it runs: the point of doing it by hand.
	li t0, 1
	sd t0, cpuhp_verbose, t1
	ld t0, 16(sp)
	jalr t0
	sd zero, cpuhp_verbose, t1
	mv a3, a0
	la a0, fmt_hotplug
	ld a1, 24(sp)
	mv a2, s0
	call printk
1:	li a0, 0
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret

# stop: the demo's reporting fn, so a person sees every CPU in its
# stopper with interrupts off, whatever state they left the machine in.
shell_cmd_stop:
	frame 1
	la a0, demo_report_fn
	li a1, 0
	li a2, 0
	call stop_machine
	mv a1, a0
	la a0, fmt_stop
	call printk
	li a0, 0
	unframe 1
	ret

# hello(asked): the ipi command's callback, printed by the target CPU
# itself (the prefix shows which CPU really ran it).
shell_hello:
	frame 1
	mv a1, a0
	this_cpu a2
	la a0, fmt_hello
	call printk
	unframe 1
	ret

shell_cmd_ipi:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	call shell_cpu_arg
	bltz a0, 1f
	mv s0, a0
	la a1, shell_hello
	mv a2, s0
	li a3, 1
	call smp_call_function_single
	mv a2, a0
	la a0, fmt_ipi
	mv a1, s0
	call printk
1:	li a0, 0
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

shell_cmd_poweroff:
	li a0, 1
	ret

.section .rodata
.balign 8
shell_commands:
	.dword str_help, shell_cmd_help
	.dword str_cpus, shell_cmd_cpus
	.dword str_down, shell_cmd_down
	.dword str_up, shell_cmd_up
	.dword str_stop, shell_cmd_stop
	.dword str_ipi, shell_cmd_ipi
	.dword str_poweroff, shell_cmd_poweroff
	.dword 0, 0
str_help:     .asciz "help"
str_cpus:     .asciz "cpus"
str_down:     .asciz "down"
str_up:       .asciz "up"
str_stop:     .asciz "stop"
str_ipi:      .asciz "ipi"
str_poweroff: .asciz "poweroff"
str_prompt:   .asciz "rvstop# "
str_rubout:   .asciz "\b \b"
str_newline:  .asciz "\n"
msg_shell_intro:
	.asciz "shell: commands: cpus, down N, up N, stop, ipi N, poweroff (help repeats this)\n"
msg_help:
	.asciz "shell: cpus | down N | up N | stop | ipi N | poweroff\n"
msg_unknown:
	.asciz "shell: unknown command: %s (try help)\n"
msg_need_cpu:
	.asciz "shell: expected a CPU number\n"
fmt_cpu_line:
	.asciz "shell: CPU%u online %u active %u hart %u running %s hotplug state %u switches %u\n"
fmt_hotplug:
	.asciz "shell: %s %u: %d\n"
fmt_stop:
	.asciz "shell: stop_machine returned %d\n"
fmt_hello:
	.asciz "shell: hello from CPU%u, asked for CPU%u\n"
fmt_ipi:
	.asciz "shell: smp_call_function_single(CPU%u, hello, wait) returned %d\n"

.section .bss
shell_line:
	.zero LINE_MAX
