# The Application Load Balancer: the only thing reachable from the internet, with a stable DNS
# name (output "url"). HTTP on 80 forwards, or redirects to HTTPS on 443 when certificate_arn
# is set. Its health check is the server's readiness route. Refused at plan time: the whole
# internet in alb_ingress_cidrs without API keys, and API keys without HTTPS (unless
# allow_api_keys_over_http says so).

resource "aws_lb" "this" {
  name               = substr(local.name, 0, 32)
  load_balancer_type = "application"
  internal           = false
  security_groups    = [aws_security_group.alb.id]
  subnets            = local.public_subnet_ids

  idle_timeout               = var.alb_idle_timeout_seconds
  drop_invalid_header_fields = true
  enable_deletion_protection = var.alb_deletion_protection

  lifecycle {
    precondition {
      condition     = !local.alb_open_to_internet || local.api_keys_enabled
      error_message = "alb_ingress_cidrs opens the load balancer to the whole internet (a /0 range), but no API keys are set: anyone could run code on your instances. Set api_keys_secret_arn, or narrow alb_ingress_cidrs to your own ranges."
    }
  }
}

resource "aws_lb_target_group" "server" {
  name_prefix          = "wbox-"
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "instance"
  vpc_id               = local.vpc_id
  deregistration_delay = var.deregistration_delay_seconds

  health_check {
    enabled             = true
    path                = "/readyz"
    protocol            = "HTTP"
    port                = "traffic-port"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  lifecycle {
    precondition {
      condition     = !local.api_keys_enabled || local.https_enabled || var.allow_api_keys_over_http
      error_message = "API keys are set but there is no HTTPS listener (certificate_arn is null): the keys would cross the network in clear text. Set certificate_arn, or set allow_api_keys_over_http = true if clients reach the load balancer over a private network you trust."
    }
  }

  default_action {
    type             = local.https_enabled ? "redirect" : "forward"
    target_group_arn = local.https_enabled ? null : aws_lb_target_group.server.arn

    dynamic "redirect" {
      for_each = local.https_enabled ? [1] : []

      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_lb_listener" "https" {
  count = local.https_enabled ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.server.arn
  }
}
