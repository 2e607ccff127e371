locals {
  name = "${var.project}-${var.environment}"

  tags = merge(
    {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    },
    var.tags,
  )

  # The server's readiness route (GET /readyz: Docker answers and the warm pools are filled),
  # checked by the load balancer. Its liveness route (/healthz) is the container's own check.
  readiness_path = "/readyz"
  liveness_path  = "/healthz"

  container_name = "server"

  https_enabled = var.certificate_arn != null

  # A /0 range lets the whole internet reach the listeners.
  alb_open_to_internet = anytrue([for cidr in var.alb_ingress_cidrs : endswith(cidr, "/0")])
  api_keys_enabled     = var.api_keys_secret_arn != null

  # Dynamic host ports of bridge-mode tasks (the ECS agent's default range on Linux).
  ephemeral_port_from = 32768
  ephemeral_port_to   = 65535

  # An empty tag only until the task definition's precondition refuses it.
  server_image = "${aws_ecr_repository.server.repository_url}:${var.server_image_tag == null ? "" : var.server_image_tag}"

  # runner image recipe -> the image each instance pre-pulls for it.
  runner_images = {
    for name in var.runner_images :
    name => "${aws_ecr_repository.runner[name].repository_url}:${lookup(var.runner_image_tags, name, "")}"
  }
}
