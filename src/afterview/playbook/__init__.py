"""The playbook: rules that turn a workspace's state into advice, and the agenda they make."""
