# ---- where and what ----

variable "aws_region" {
  type        = string
  description = "AWS region to deploy to."
  default     = "us-east-1"
}

variable "project" {
  type        = string
  description = "Name prefix of every resource (with the environment): <project>-<environment>."
  default     = "warmbox"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.project))
    error_message = "project must be 2-21 lowercase letters, digits or '-', starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment name (prod, staging, ...), part of every resource name."
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,11}$", var.environment))
    error_message = "environment must be 2-12 lowercase letters, digits or '-', starting with a letter."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags for every resource (merged over Project/Environment/ManagedBy)."
  default     = {}
}

# ---- network ----

variable "vpc_id" {
  type        = string
  description = "An existing VPC to deploy into. null creates a small VPC with two public subnets (no NAT gateway)."
  default     = null
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "With vpc_id: at least two public subnets in different AZs, for the load balancer."
  default     = []
}

variable "instance_subnet_ids" {
  type        = list(string)
  description = "With vpc_id: subnets for the container instances. They need egress: public subnets that assign public IPs, or private ones with a NAT gateway or VPC endpoints for ECR, ECS, SSM and logs. Empty means public_subnet_ids."
  default     = []
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR of the VPC created when vpc_id is null; the two public subnets take its first two /20s."
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr))
    error_message = "vpc_cidr must be an IPv4 CIDR block such as 10.42.0.0/16."
  }
}

variable "alb_ingress_cidrs" {
  type        = list(string)
  description = "IPv4 ranges allowed to reach the load balancer's listeners (80, and 443 with a certificate). Nothing else is reachable from outside. The whole internet (a /0 range) is only accepted with API keys (api_keys_secret_arn)."
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for cidr in var.alb_ingress_cidrs : can(cidrnetmask(cidr))])
    error_message = "alb_ingress_cidrs must be IPv4 CIDR blocks such as 203.0.113.0/24."
  }
}

# ---- container instances (EC2 capacity: Fargate cannot run sibling containers) ----

variable "instance_type" {
  type        = string
  description = "EC2 instance type of the container instances. One server task runs per instance; its sandboxes use the rest of the machine. m7i.large = 2 vCPU / 8 GiB, the size the benchmark measures."
  default     = "m7i.large"
}

variable "ami_ssm_parameter" {
  type        = string
  description = "SSM parameter holding the ECS-optimized AMI id (Amazon Linux 2023 by default; use the arm64 one with a Graviton instance_type)."
  default     = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

variable "root_volume_size_gb" {
  type        = number
  description = "Root EBS volume (gp3) of each instance, in GiB: the OS, Docker's images (all runner images, ~2 GiB) and the sandboxes' writable layers."
  default     = 40

  validation {
    condition     = var.root_volume_size_gb >= 30
    error_message = "root_volume_size_gb must be at least 30 (the ECS-optimized AMI's snapshot size)."
  }
}

variable "instance_min_count" {
  type        = number
  description = "Fewest container instances the auto scaling group keeps."
  default     = 1
}

variable "instance_max_count" {
  type        = number
  description = "Most container instances the auto scaling group may run (the capacity provider scales between min and max)."
  default     = 6
}

variable "detailed_monitoring" {
  type        = bool
  description = "1-minute EC2 metrics for the instances (the CPU scaling policy reacts faster; ~$2.10 per instance-month)."
  default     = true
}

# ---- the server service ----

variable "languages" {
  type        = list(string)
  description = "Language ids the server serves (WARMBOX_LANGUAGES). Every runner image they use must be in runner_images."
  default     = ["python", "javascript", "java", "c", "cpp"]

  validation {
    condition     = length(var.languages) > 0 && alltrue([for id in var.languages : can(regex("^[a-z][a-z0-9-]*$", id))])
    error_message = "languages must be a non-empty list of language ids (lowercase letters, digits, '-')."
  }
}

variable "runner_images" {
  type        = list(string)
  description = "Runner image recipes (folders of packages/engine/images; several languages may share one) that get an ECR repository and are pre-pulled by every instance. The deploy workflow derives them from the languages."
  default     = ["python", "javascript", "java", "c", "cpp"]

  validation {
    condition     = length(var.runner_images) > 0 && alltrue([for name in var.runner_images : can(regex("^[a-z0-9-]+$", name))])
    error_message = "runner_images must be a non-empty list of image recipe names (lowercase letters, digits, '-')."
  }
}

variable "server_image_tag" {
  type        = string
  description = "Tag of the server image in its ECR repository (the deploy workflow passes the commit SHA). Required to deploy the service; tags are immutable, so \"latest\" is refused."
  default     = null

  validation {
    condition     = var.server_image_tag == null || (can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", coalesce(var.server_image_tag, "-"))) && lower(coalesce(var.server_image_tag, "-")) != "latest")
    error_message = "server_image_tag must be the exact tag pushed for this deploy (e.g. the commit SHA), not \"latest\": a moving tag hides which code runs."
  }
}

variable "runner_image_tags" {
  type        = map(string)
  description = "Tag per runner image in ECR (the deploy workflow passes each recipe hash); every image of runner_images needs one. A change rolls the instances (their user data pre-pulls these)."
  default     = {}

  validation {
    condition     = alltrue([for tag in values(var.runner_image_tags) : can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", tag)) && lower(tag) != "latest"])
    error_message = "runner_image_tags must map each runner image to its exact tag (the recipe hash), never \"latest\"."
  }
}

variable "container_port" {
  type        = number
  description = "Port the server listens on inside its container (WARMBOX_PORT); the server's default is 8080."
  default     = 8080
}

variable "container_user" {
  type        = string
  description = "User the server container runs as on ECS. The instance's Docker socket is root:docker with an AMI-specific gid, so the default is root (\"0\") with every capability dropped and a read-only root filesystem; socket access is root-equivalent on the host either way."
  default     = "0"
}

variable "server_cpu_units" {
  type        = number
  description = "CPU units reserved for the server container (1024 = one vCPU). The sandboxes are sibling containers outside the task and use the rest of the instance."
  default     = 512
}

variable "server_memory_mb" {
  type        = number
  description = "Hard memory limit of the server process's container, in MiB (the sandboxes are limited one by one by the engine, outside it)."
  default     = 1024
}

variable "server_memory_reservation_mb" {
  type        = number
  description = "Memory reserved for the server container when placing the task, in MiB."
  default     = 256
}

variable "server_environment" {
  type        = map(string)
  description = "Extra environment of the server (e.g. WARMBOX_POOL_MAX, WARMBOX_MAX_QUEUE, WARMBOX_RATE_LIMIT). Never put API keys here: use api_keys_secret_arn."
  default     = {}
}

variable "api_keys_secret_arn" {
  type        = string
  description = "ARN of a Secrets Manager secret or SSM SecureString parameter holding the API keys (comma-separated), given to the server as WARMBOX_API_KEYS. null leaves the API open: only for a private try-out."
  default     = null

  validation {
    condition     = var.api_keys_secret_arn == null || can(regex("^arn:aws[a-z-]*:(secretsmanager|ssm):", var.api_keys_secret_arn))
    error_message = "api_keys_secret_arn must be a Secrets Manager secret ARN or an SSM parameter ARN."
  }
}

variable "allow_api_keys_over_http" {
  type        = bool
  description = "Accept API keys without an HTTPS listener (certificate_arn null): keys then cross the network in clear text. Only for a load balancer reached over a private network you trust."
  default     = false
}

variable "service_min_count" {
  type        = number
  description = "Fewest server tasks (one per instance)."
  default     = 1
}

variable "service_max_count" {
  type        = number
  description = "Most server tasks service autoscaling may run; keep it <= instance_max_count (one task per instance)."
  default     = 6
}

variable "health_check_grace_period_seconds" {
  type        = number
  description = "Time a new task has to become ready (its warm pools fill) before failed health checks count."
  default     = 120
}

variable "stop_timeout_seconds" {
  type        = number
  description = "Time between SIGTERM and SIGKILL of the server container; above the server's shutdown grace (20 s) so it can remove its sandboxes."
  default     = 45
}

# ---- load balancer ----

variable "certificate_arn" {
  type        = string
  description = "ACM certificate ARN for an HTTPS listener on 443. When set, HTTP on 80 redirects to HTTPS. null serves plain HTTP only."
  default     = null
}

variable "alb_idle_timeout_seconds" {
  type        = number
  description = "ALB idle timeout: must outlast the longest execution (compile + run) and quiet spells of WebSocket sessions."
  default     = 120
}

variable "alb_deletion_protection" {
  type        = bool
  description = "Protect the load balancer from deletion (turn on for production; destroy then needs it off first)."
  default     = false
}

variable "deregistration_delay_seconds" {
  type        = number
  description = "Time the ALB lets in-flight requests of a deregistered task finish (executions are seconds long)."
  default     = 30
}

# ---- autoscaling ----

variable "cpu_target_percent" {
  type        = number
  description = "Target average CPU of the container instances (where the sandboxes run) for target tracking."
  default     = 60
}

variable "requests_per_target_per_minute" {
  type        = number
  description = "Target ALB requests per minute per server task for target tracking. Set it to about half of what one instance sustains for your workload (see README: How it scales)."
  default     = 3000
}

variable "scale_out_cooldown_seconds" {
  type        = number
  description = "Cooldown after a scale-out of the service."
  default     = 60
}

variable "scale_in_cooldown_seconds" {
  type        = number
  description = "Cooldown after a scale-in of the service (longer: instances take minutes to come back)."
  default     = 300
}

# ---- ECR ----

variable "ecr_repository_prefix" {
  type        = string
  description = "Prefix of the ECR repositories: <prefix>/server and <prefix>/<language>."
  default     = "warmbox"
}

variable "ecr_keep_images" {
  type        = number
  description = "Tagged images each ECR repository keeps; older ones expire (untagged ones after 7 days)."
  default     = 20
}

variable "ecr_force_delete" {
  type        = bool
  description = "Let destroy delete ECR repositories that still hold images (they are rebuilt from source by the deploy workflow)."
  default     = true
}

# ---- logs and alarms ----

variable "log_retention_days" {
  type        = number
  description = "Retention of the server's CloudWatch log group, in days."
  default     = 30
}

variable "alarm_email" {
  type        = string
  description = "E-mail address subscribed to the alarms' SNS topic (confirm the subscription mail). null: alarms only show in the console."
  default     = null
}

variable "alarm_5xx_percent" {
  type        = number
  description = "Alarm when 5xx answers (target and ALB) exceed this percentage of requests, 3 of 5 minutes."
  default     = 5
}

variable "alarm_response_time_p90_seconds" {
  type        = number
  description = "Alarm when the p90 target response time exceeds this many seconds, 5 minutes in a row (executions themselves take time: keep it above your typical run)."
  default     = 3
}

# ---- the submissions database (optional) ----

variable "enable_database" {
  type        = bool
  description = "Create an RDS PostgreSQL database for the submissions, shared by every server task (WARMBOX_DATABASE_URL from Secrets Manager). false: each task keeps its own embedded SQLite file in a Docker volume on its instance (kept across task replacements, lost with the instance); with more than one task a submission is then found only through the task that took it, so set true when clients use /v1/submissions or the Judge0 API and service_max_count is above 1."
  default     = false
}

variable "database_subnet_ids" {
  type        = list(string)
  description = "With vpc_id and enable_database: at least two private subnets in different AZs for the database. Without vpc_id, two private subnets are created."
  default     = []
}

variable "database_instance_class" {
  type        = string
  description = "RDS instance class of the database."
  default     = "db.t4g.micro"
}

variable "database_allocated_storage_gb" {
  type        = number
  description = "Storage of the database in GiB (gp3); it grows on its own up to four times this."
  default     = 20

  validation {
    condition     = var.database_allocated_storage_gb >= 20
    error_message = "database_allocated_storage_gb must be at least 20 (RDS's gp3 minimum)."
  }
}

variable "database_engine_version" {
  type        = string
  description = "PostgreSQL major version of the database."
  default     = "17"
}

variable "database_multi_az" {
  type        = bool
  description = "A standby in a second AZ that takes over on failure (doubles the database's cost)."
  default     = false
}

variable "database_deletion_protection" {
  type        = bool
  description = "Protect the database from deletion (turn on for production; destroy then needs it off first)."
  default     = false
}
